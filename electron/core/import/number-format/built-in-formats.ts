/**
 * Excel's built-in number formats (ECMA-376 Part 1, 18.8.30), by numFmtId, as Excel shows them on a computer set up
 * for the United Kingdom: the ids whose look depends on the computer's locale (14 and 22, the short date; 5 to 8 and
 * 41 to 44, the currency) are given the UK's, since a workbook stores only the id.
 */
const BUILT_IN_FORMATS: ReadonlyMap<number, string> = new Map([
  [0, 'General'],
  [1, '0'],
  [2, '0.00'],
  [3, '#,##0'],
  [4, '#,##0.00'],
  [5, '"£"#,##0;\\-"£"#,##0'],
  [6, '"£"#,##0;[Red]\\-"£"#,##0'],
  [7, '"£"#,##0.00;\\-"£"#,##0.00'],
  [8, '"£"#,##0.00;[Red]\\-"£"#,##0.00'],
  [9, '0%'],
  [10, '0.00%'],
  [11, '0.00E+00'],
  [12, '# ?/?'],
  [13, '# ??/??'],
  [14, 'dd/mm/yyyy'],
  [15, 'd-mmm-yy'],
  [16, 'd-mmm'],
  [17, 'mmm-yy'],
  [18, 'h:mm AM/PM'],
  [19, 'h:mm:ss AM/PM'],
  [20, 'h:mm'],
  [21, 'h:mm:ss'],
  [22, 'dd/mm/yyyy hh:mm'],
  [37, '#,##0 ;(#,##0)'],
  [38, '#,##0 ;[Red](#,##0)'],
  [39, '#,##0.00;(#,##0.00)'],
  [40, '#,##0.00;[Red](#,##0.00)'],
  [41, '_-* #,##0_-;\\-* #,##0_-;_-* "-"_-;_-@_-'],
  [42, '_-"£"* #,##0_-;\\-"£"* #,##0_-;_-"£"* "-"_-;_-@_-'],
  [43, '_-* #,##0.00_-;\\-* #,##0.00_-;_-* "-"??_-;_-@_-'],
  [44, '_-"£"* #,##0.00_-;\\-"£"* #,##0.00_-;_-"£"* "-"??_-;_-@_-'],
  [45, 'mm:ss'],
  [46, '[h]:mm:ss'],
  [47, 'mm:ss.0'],
  [48, '##0.0E+0'],
  [49, '@'],
]);

/** The code of a built-in format, or General for an id that only East Asian versions of Excel define. */
export function builtInFormatCode(id: number): string {
  return BUILT_IN_FORMATS.get(id) ?? 'General';
}
