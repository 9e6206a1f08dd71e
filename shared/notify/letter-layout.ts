// Where things sit on Notify's A4 letters, in millimetres from the top-left corner of the page: the templated letter
// layout (notifications-utils letter_pdf templates) and the areas template-preview checks on an uploaded PDF.

export const A4_WIDTH_MM = 210;
export const A4_HEIGHT_MM = 297;
/** How far a page may be from A4 and still count as A4 (template-preview's check). */
export const A4_TOLERANCE_MM = 2;
export const MM_PER_POINT = 25.4 / 72;

/** A rectangle: x1,y1 top-left, x2,y2 bottom-right. */
export interface AreaMm {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** The @page margins of a templated letter (the first page's top margin is smaller). */
export const LETTER_PAGE_MARGINS_MM = { top: 15, right: 10, bottom: 15, left: 15, firstPageTop: 10 } as const;

/** The templated letter's address block: left edge and bottom edge fixed, growing upwards to at most 26.7 mm. */
export const LETTER_ADDRESS_BLOCK_MM = { left: 24.6, width: 85, bottom: 66.2, maxHeight: 26.7 } as const;
export const LETTER_LOGO_MM = { left: 15, top: 10, width: 70, height: 18 } as const;
export const LETTER_CONTACT_BLOCK_MM = { right: 200, width: 71.2, bottom: 82.2 } as const;
/** Where the body starts on page 1 (the body's top padding below the first page's margin). */
export const LETTER_BODY_TOP_MM = 104;
export const LETTER_CONTENT_WIDTH_MM = 137.5;

/** The window of a C5 envelope that shows the address (template-preview's address box). */
export const ENVELOPE_WINDOW_MM: AreaMm = { x1: 24.6, y1: 39.5, x2: 120, y2: 66.3 };
/** Text Notify reads as the address: the window and 3 mm around it. */
export const ADDRESS_READ_MARGIN_MM = 3;

/** Where an uploaded letter may have content: everything else must be blank. */
export const PRINTABLE_AREAS_MM = {
  /** Every page: 15 mm side margins, 5 mm top and bottom. */
  body: { x1: 15, y1: 5, x2: 195, y2: 292 },
  /** Page 1 only, the body below the address. */
  firstPageBody: { x1: 15, y1: 95, x2: 195, y2: 292 },
  firstPageContact: { x1: 125, y1: 5, x2: 195, y2: 95 },
  firstPageLogo: { x1: 15, y1: 5, x2: 125, y2: 30 },
  firstPageAddress: ENVELOPE_WINDOW_MM,
  /** Where Notify prints its (white) NOTIFY tag; a tag found after page 1 is reported as that, not as content. */
  notifyTag: { x1: 0, y1: 0, x2: 15.191, y2: 6.149 },
} as const satisfies Record<string, AreaMm>;
/** Each allowed area is grown by this much before a page is checked. */
export const PRINTABLE_AREA_GRACE_MM = 1;

/** The areas a page may have content in (page 1 is laid out differently from the rest). */
export function printableAreasForPage(pageNumber: number): AreaMm[] {
  const grow = (area: AreaMm): AreaMm => ({
    x1: area.x1 - PRINTABLE_AREA_GRACE_MM,
    y1: area.y1 - PRINTABLE_AREA_GRACE_MM,
    x2: area.x2 + PRINTABLE_AREA_GRACE_MM,
    y2: area.y2 + PRINTABLE_AREA_GRACE_MM,
  });
  const { body, notifyTag, firstPageBody, firstPageContact, firstPageLogo, firstPageAddress } = PRINTABLE_AREAS_MM;
  if (pageNumber > 1) return [body, notifyTag].map(grow);
  return [firstPageBody, firstPageContact, firstPageLogo, firstPageAddress, notifyTag].map(grow);
}

/** The NOTIFY tag Notify prints in the top-left corner of a letter's first page (the printer's marker of a new letter). */
export const NOTIFY_TAG_MM = { x: 1.8, y: 1.8 } as const;
/** Where the tag is looked for: generous margins around the 6 pt word, as template-preview reads it. */
export const NOTIFY_TAG_SEARCH_AREA_MM: AreaMm = { x1: 0, y1: 0, x2: 1.8 + 10.5 + 5, y2: 1.8 + 2.2 + 3 };

/** Notify prints at most 10 pages (5 sheets, both sides). */
export const LETTER_MAX_PAGES = 10;
