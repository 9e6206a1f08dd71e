// The pure encoder at the heart of the `qrcode` package (no Node, DOM or canvas: its renderers are elsewhere), which
// @types/qrcode does not describe module by module.
declare module 'qrcode/lib/core/qrcode.js' {
  export type QrMode = 'numeric' | 'alphanumeric' | 'byte';
  export interface QrSymbol {
    version: number;
    maskPattern: number;
    modules: { size: number; get(row: number, column: number): number | boolean };
  }
  export function create(
    segments: { data: string | Uint8Array; mode: QrMode }[],
    options: { errorCorrectionLevel: 'L' | 'M' | 'Q' | 'H'; version?: number; maskPattern?: number },
  ): QrSymbol;
}

declare module 'qrcode/lib/core/version.js' {
  /** How many characters of the mode fit the version at the level (its `ErrorCorrectionLevel.*` and `Mode.*` objects). */
  export function getCapacity(version: number, level: object, mode: object): number;
}

declare module 'qrcode/lib/core/error-correction-level.js' {
  export const L: object;
  export const M: object;
  export const Q: object;
  export const H: object;
}

declare module 'qrcode/lib/core/mode.js' {
  export const NUMERIC: object;
  export const ALPHANUMERIC: object;
  export const BYTE: object;
}
