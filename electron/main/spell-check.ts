/**
 * Whether the window checks spelling. Windows and macOS use the system's own spell checker; on Linux Electron would
 * download Hunspell dictionaries from Google's servers, which locked-down networks block and IT would not expect, so
 * spell checking is off there.
 */
export function spellCheckOn(platform: NodeJS.Platform): boolean {
  return platform === 'win32' || platform === 'darwin';
}
