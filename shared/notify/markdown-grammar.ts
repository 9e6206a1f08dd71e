// The block and inline grammar of Notify's markdown dialect: mistune 0.8.4's regular expressions with the
// grammar changes Notify makes (`^` inset text, `•`/`*`/`-` bullets with optional space, no emphasis, code or
// strikethrough, a narrower bare-URL rule, hard-wrapped line breaks).
//
// The patterns keep Python's semantics in JavaScript: `\w`, `\d`, `\s` and `\b` are Unicode-aware as in
// Python 3, `.` matches everything except `\n`, and `^`/`$` in multi-line patterns only see `\n`.

/** Python's `\s`: the characters for which str.isspace() is true. */
export const PY_SPACE =
  '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
/** Python's `\w` for str patterns (letters, numbers, underscore). */
export const PY_WORD = '\\p{L}\\p{N}_';

const S = `[${PY_SPACE}]`;
const NOT_S = `[^${PY_SPACE}]`;
const W = `[${PY_WORD}]`;
const D = '\\p{Nd}';
const WORD_END = `(?!${W})`;
/** Python `^` under re.M: start of the text or just after `\n`. */
export const LINE_START = '(?<![^\\n])';
/** Python `$` under re.M: end of the text or just before `\n`. */
export const LINE_END = '(?![^\\n])';

function anchored(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})`, 'u');
}

const INLINE_TAGS = [
  'a',
  'em',
  'strong',
  'small',
  's',
  'cite',
  'q',
  'dfn',
  'abbr',
  'data',
  'time',
  'code',
  'var',
  'samp',
  'kbd',
  'sub',
  'sup',
  'i',
  'b',
  'u',
  'mark',
  'ruby',
  'rt',
  'rp',
  'bdi',
  'bdo',
  'span',
  'br',
  'wbr',
  'ins',
  'del',
  'img',
  'font',
];
const VALID_END = `(?!:/|[^${PY_WORD}${PY_SPACE}@]*@)${WORD_END}`;
const VALID_ATTR = `${S}*[a-zA-Z\\-](?:=(?:"[^"]*"|'[^']*'|[^${PY_SPACE}'">]+))?`;
const BLOCK_TAG = `(?!(?:${INLINE_TAGS.join('|')})${WORD_END})${W}+${VALID_END}`;

// Body of each block rule without its leading `^`, for reuse inside the paragraph rule.
const DEF_LINKS = ` *\\[([^^\\]]+)\\]: *<?([^${PY_SPACE}>]+)>?(?: +["(]([^\\n]+)[")])? *(?:\\n+|$)`;
const DEF_FOOTNOTES = `\\[\\^([^\\]]+)\\]: *([^\\n]*(?:\\n+|$)(?: {1,}[^\\n]*(?:\\n+|$))*)`;
const FENCES = ` *(\`{3,}|~{3,}) *(${NOT_S}+)? *\\n([\\s\\S]+?)${S}*\\1 *(?:\\n+|$)`;
const HRULE = ' {0,3}[-*_](?: *[-*_]){2,} *(?:\\n+|$)';
const HEADING = ' *(#{1,6}) *([^\\n]+?) *#* *(?:\\n+|$)';
const LHEADING = '([^\\n]+)\\n *(=|-)+ *(?:\\n+|$)';
const NOTIFY_BULLET = `(?:[•*-]|${D}+\\.)`;

export const blockGrammar = {
  newline: /^\n+/u,
  blockCode: /^(?: {4}[^\n]+\n*)+/u,
  fences: anchored(FENCES),
  hrule: anchored(HRULE),
  heading: anchored(HEADING),
  nptable: anchored(` *(${NOT_S}[^\\n]*\\|[^\\n]*)\\n *([-:]+ *\\|[-| :]*)\\n((?:[^\\n]*\\|[^\\n]*(?:\\n|$))*)\\n*`),
  lheading: anchored(LHEADING),
  blockQuote: /^(?: *\^[^\n]+(?:\n[^\n]+)*\n*)+/u,
  listBlock: anchored(
    `( *)(${NOTIFY_BULLET})[\\s\\S]+?(?:` +
      `\\n+(?=\\1?(?:[-*_] *){3,}(?:\\n+|$))` +
      `|\\n+(?=${DEF_LINKS})` +
      `|\\n+(?=${DEF_FOOTNOTES})` +
      `|\\n{2,}(?! )(?!\\1${NOTIFY_BULLET} )\\n*` +
      `|${S}*$)`,
  ),
  blockHtml: anchored(
    ` *(?:<!--[\\s\\S]*?-->|<(${BLOCK_TAG})((?:${VALID_ATTR})*?)>([\\s\\S]*?)<\\/\\1>|<${BLOCK_TAG}(?:${VALID_ATTR})*?${S}*\\/?>) *(?:\\n{2,}|${S}*$)`,
  ),
  defLinks: anchored(DEF_LINKS),
  defFootnotes: anchored(DEF_FOOTNOTES),
  table: anchored(` *\\|([^\\n]+)\\n *\\|( *[-:]+[-| :]*)\\n((?: *\\|[^\\n]*(?:\\n|$))*)\\n*`),
  // mistune builds its paragraph rule before Notify changes the list and quote rules, so a paragraph still
  // stops before a `>` quote or a `+ `/`* `/`1. ` list line, but not before `^` inset text or `•item`. The
  // list alternative there back-references a group that never takes part, which in Python makes it match any
  // bullet followed by a space and at least one more character.
  paragraph: anchored(
    '((?:[^\\n]+\\n?(?!' +
      [
        FENCES.replace('\\1', '\\2'),
        `( *)([*+-]|${D}+\\.) [\\s\\S]`,
        HRULE,
        HEADING,
        LHEADING,
        '( *>[^\\n]+(\\n[^\\n]+)*\\n*)+',
        DEF_LINKS,
        DEF_FOOTNOTES,
        `<${BLOCK_TAG}`,
      ].join('|') +
      '))+)\\n*',
  ),
  text: /^[^\n]+/u,
} as const;

export type BlockRuleName = keyof typeof blockGrammar;

/** One list item (`re.findall` over a list block). */
export const listItemPattern = new RegExp(
  `${LINE_START}(( *)${NOTIFY_BULLET}[^\\n]*(?:\\n(?!\\2${NOTIFY_BULLET})[^\\n]*)*)`,
  'gu',
);
export const listBulletPattern = new RegExp(`^ *${NOTIFY_BULLET}`, 'u');
export const blockQuoteLeadingPattern = new RegExp(`${LINE_START} *\\^ ?`, 'gu');
export const blockCodeLeadingPattern = new RegExp(`${LINE_START} {4}`, 'gu');
export const looseItemPattern = new RegExp(`\\n\\n(?!${S}*$)`, 'u');

export const inlineGrammar = {
  escape: /^\\([\\`*{}[\]()#+\-.!_>~|])/u,
  inlineHtml: anchored(
    `<!--[\\s\\S]*?-->|<(${W}+${VALID_END})((?:${VALID_ATTR})*?)${S}*>([\\s\\S]*?)<\\/\\1>|<${W}+${VALID_END}(?:${VALID_ATTR})*?${S}*\\/?>`,
  ),
  autolink: /^<([^ >]+(@|:)[^ >]+)>/u,
  url: anchored(`(https?:\\/\\/[^${PY_SPACE}<]+[^<.,:"')\\]${PY_SPACE}])`),
  footnote: /^\[\^([^\]]+)\]/u,
  // Python's `(<)?href(?(2)>)` conditional becomes two alternatives: an href in angle brackets, or a bare one.
  link: anchored(
    `!?\\[((?:\\[[^^\\]]*\\]|[^[\\]]|\\](?=[^[]*\\]))*)\\]\\(${S}*(?:<([\\s\\S]*?)>|([\\s\\S]*?))(?:${S}+['"]([\\s\\S]*?)['"])?${S}*\\)`,
  ),
  reflink: anchored(`!?\\[((?:\\[[^^\\]]*\\]|[^[\\]]|\\](?=[^[]*\\]))*)\\]${S}*\\[([^^\\]]*)\\]`),
  nolink: /^!?\[((?:\[[^\]]*\]|[^[\]])*)\]/u,
  linebreak: anchored(` *\\n(?!${S}*$)`),
  text: anchored(`[\\s\\S]+?(?=[\\\\<!\\[_*\`~]|https?:\\/\\/| *\\n|$)`),
} as const;

export type InlineRuleName = keyof typeof inlineGrammar;
