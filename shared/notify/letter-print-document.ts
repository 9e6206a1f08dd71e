// A letter laid out for printing as Notify lays out its own (notifications-utils letter_pdf/_main_css and _body):
// one HTML document whose CSS places the address in the envelope window and numbers the pages, into which each
// letter's body is put in turn. The letter's parts come from renderLetter, the one rule for a letter's content.
import { escapeHtml } from './formatters';
import {
  LETTER_ADDRESS_BLOCK_MM,
  LETTER_CONTACT_BLOCK_MM,
  LETTER_CONTENT_WIDTH_MM,
  LETTER_LOGO_MM,
  LETTER_PAGE_MARGINS_MM,
} from './letter-layout';
import type { RenderedLetter } from './letter-template';

/** The font every letter is set in (a metric-compatible Nimbus Sans, bundled so pages break the same everywhere). */
export const LETTER_FONT_FAMILY = 'Notify Desk Letter Sans';

export interface LetterFontFace {
  weight: 'normal' | 'bold';
  /** A data: URL (or any URL the printing page can load) of a TrueType font. */
  url: string;
}

export interface PrintDocumentOptions {
  fonts: readonly LetterFontFace[];
  /** The organisation's logo as a data: URL (PNG or SVG), printed top left in a 70 × 18 mm box. */
  logoUrl?: string | null;
}

const margins = LETTER_PAGE_MARGINS_MM;
const address = LETTER_ADDRESS_BLOCK_MM;
const contact = LETTER_CONTACT_BLOCK_MM;
const logo = LETTER_LOGO_MM;
// Positions below are relative to the first page's page area, as Notify's CSS (and Chromium, like WeasyPrint) read them.
const pageAreaBottom = 297 - margins.bottom;
const pageAreaRight = 210 - margins.right;

function cssString(text: string): string {
  return `"${text.replace(/["\\]/g, '\\$&').replace(/\n/g, ' ')}"`;
}

function letterCss(options: PrintDocumentOptions): string {
  const fontFaces = options.fonts
    .map(
      (font) =>
        `@font-face { font-family: ${cssString(LETTER_FONT_FAMILY)}; font-weight: ${font.weight}; src: url(${cssString(font.url)}) format("truetype"); }`,
    )
    .join('\n');
  const fontStack = `${cssString(LETTER_FONT_FAMILY)}, 'Nimbus Sans L', 'Nimbus Sans', 'FreeSans', 'Liberation Sans', Arial, sans-serif`;
  return `${fontFaces}
@page {
  size: A4 portrait;
  margin: ${margins.top}mm ${margins.right}mm ${margins.bottom}mm ${margins.left}mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-family: ${fontStack}; font-size: 10pt; vertical-align: top; }
}
@page :first { margin-top: ${margins.firstPageTop}mm; }
@page cover { @bottom-right { content: none; } }
html, body { margin: 0; padding: 0; }
body { font-family: ${fontStack}; font-size: 12.5pt; line-height: 16pt; letter-spacing: 0.01em; word-spacing: -0.04em; color: #000; }
.letter { padding: 94mm 50mm 0 0; }
#logo { position: absolute; top: 0; left: 0; width: ${logo.width}mm; height: ${logo.height}mm;
  ${options.logoUrl ? `background: url(${cssString(options.logoUrl)}) no-repeat left top / contain;` : ''} }
#to { position: absolute; left: ${(address.left - margins.left).toFixed(1)}mm; bottom: ${(pageAreaBottom - address.bottom).toFixed(1)}mm;
  width: ${address.width}mm; max-height: ${address.maxHeight}mm; overflow: hidden;
  font-size: 8pt; line-height: 8.5pt; text-transform: uppercase; letter-spacing: 0; word-spacing: 0; }
#to ul { list-style: none; margin: 0; padding: 0; }
#to li { white-space: nowrap; overflow: hidden; margin: 0; }
#from { position: absolute; right: ${(pageAreaRight - contact.right).toFixed(1)}mm; bottom: ${(pageAreaBottom - contact.bottom).toFixed(1)}mm;
  width: ${contact.width}mm; max-height: 132pt; overflow: hidden; font-size: 10pt; line-height: 12pt; text-align: right; }
#from p { margin: 0; }
#content { width: ${LETTER_CONTENT_WIDTH_MM}mm; }
h1 { font-size: 20pt; line-height: 23.4pt; font-weight: bold; margin: 18.16pt 0 7.68pt; }
h2 { font-size: 14pt; line-height: 17.4pt; font-weight: bold; margin: 16pt 0 0; }
p { margin: 0 0 16pt; orphans: 4; }
ul, ol { margin: 0 0 16pt; padding-left: 10mm; }
li { margin-bottom: 4pt; }
.page-break { break-after: page; height: 0; overflow: hidden; }
.qrcode svg { width: 24mm; height: 24mm; }
.cover { page: cover; break-after: page; padding-top: 60mm; }
.cover h1 { font-size: 28pt; line-height: 32pt; }
.cover dl { font-size: 16pt; line-height: 22pt; }
.cover dt { font-weight: bold; }
.cover dd { margin: 0 0 10pt; }
`;
}

/** The document every letter of a run is printed in: styles and fonts, and an empty body the letters go into. */
export function letterPrintDocument(options: PrintDocumentOptions): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Letter</title><style>${letterCss(options)}</style></head><body></body></html>`;
}

/** One letter's body for the print document: logo box, address in the window, contact block, date, heading, message. */
export function letterPrintBody(letter: RenderedLetter): string {
  const addressItems = letter.addressLines.map((line) => `<li>${line}</li>`).join('');
  return (
    `<div class="letter"><div id="logo"></div>` +
    `<div id="to"><ul>${addressItems}</ul></div>` +
    `<div id="from"><p>${letter.contactBlockHtml}</p></div>` +
    `<div id="content"><p>${letter.date}</p><h1>${letter.heading}</h1>${letter.bodyHtml}</div></div>`
  );
}

export interface CoverSheet {
  title: string;
  /** Label and value pairs, plain text. */
  details: readonly (readonly [string, string])[];
}

/** The sheet on top of a printed run: what it is, how many letters, when. */
export function coverSheetBody(cover: CoverSheet): string {
  const details = cover.details
    .map(([label, value]) => `<dt>${escapeHtml(label)}</dt><dd>${escapeHtml(value)}</dd>`)
    .join('');
  return `<div class="cover"><h1>${escapeHtml(cover.title)}</h1><dl>${details}</dl></div>`;
}
