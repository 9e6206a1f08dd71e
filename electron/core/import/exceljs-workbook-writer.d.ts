// exceljs' streaming workbook writer on its own, without the rest of the package (readers, CSV, the in-memory
// workbook): half the memory and load time of `import 'exceljs'`.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type { stream } from 'exceljs';

  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
