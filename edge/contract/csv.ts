// CSV cells and lines as RFC 4180 writes them (commas, CRLF, quotes doubled), shared by the files
// the browser makes (the gradebook) and the ones the API serves (the audit log). A spreadsheet runs
// a cell that starts with = + - @ (or a tab or CR) as a formula, so such a cell gets a leading
// apostrophe: a name typed as "=HYPERLINK(…)" stays text.

const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell: made safe from formulas, then quoted when it holds a quote, comma or line break. */
export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

/** One line of cells, with its CRLF. */
export const csvLine = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`
