/** exceljs' streaming workbook writer, imported by its file (src/workbook): the class the package exposes as `stream.xlsx.WorkbookWriter`. */
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type ExcelJS from 'exceljs';
  const WorkbookWriter: typeof ExcelJS.stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
