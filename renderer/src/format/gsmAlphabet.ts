const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '^{}\\[~]|€\f';
/** Characters Notify swaps for a GSM one before counting (curly quotes, dashes, ellipsis, spaces). */
const downgradedByNotify = '‘’‚‛“”„‟′″–—―…\u00a0\u2002\u2003\u2009\u200a\u202f\t';

const allowed = new Set([...gsmBasic, ...gsmExtension, ...downgradedByNotify]);

/** A best guess at which characters made a text need UCS-2, to name them in the warning. */
export function charactersOutsideGsm(text: string): string[] {
  return [...new Set([...text].filter((character) => !allowed.has(character)))];
}
