// A small CSV reader for class lists people paste or upload: RFC 4180 quoting ("" inside quotes,
// line breaks inside quoted fields), CRLF, LF or CR line ends, a UTF-8 byte order mark, and the
// separator Excel writes in the reader's locale (`,`, or `;` where the comma is the decimal mark,
// or a tab when copied from a spreadsheet), chosen from the first line.

/** The separator of the first line outside quotes: the most frequent of `,` `;` and tab (`,` on a tie). */
export function detectSeparator(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ])
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  let best = ','
  for (const [sep, n] of counts) if (n > (counts.get(best) ?? 0)) best = sep
  return best
}

/** Rows of cells, each with the 1-based line it starts on; blank lines are skipped. */
export function parseCsv(input: string, separator = detectSeparator(input.replace(/^\uFEFF/, ''))) {
  const text = input.replace(/^\uFEFF/, '')
  const rows: { cells: string[]; line: number }[] = []
  let cells: string[] = []
  let cell = ''
  let quoted = false
  let line = 1
  let rowLine = 1
  const endRow = () => {
    cells.push(cell)
    if (cells.some((c) => c.trim() !== '')) rows.push({ cells, line: rowLine })
    cells = []
    cell = ''
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line++
        cell += ch
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true
      cell = ''
    } else if (ch === separator) {
      cells.push(cell)
      cell = ''
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRow()
      line++
      rowLine = line
    } else cell += ch
  }
  if (cell !== '' || cells.length > 0) endRow()
  return rows
}
