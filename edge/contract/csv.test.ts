import { describe, expect, it } from 'vitest'
import { csvCell, csvLine } from './csv.ts'

describe('csvCell', () => {
  it('makes every formula start inert with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(csvCell(`${start}SUM(A1)`)).toMatch(/^"?'/)
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`)
    expect(csvCell('@admin')).toBe("'@admin")
  })

  it('quotes commas, quotes and line breaks, and leaves plain text alone', () => {
    expect(csvCell('a,b')).toBe('"a,b"')
    expect(csvCell('say "hi"')).toBe('"say ""hi"""')
    expect(csvCell('two\nlines')).toBe('"two\nlines"')
    expect(csvCell('Amina 7')).toBe('Amina 7')
    expect(csvCell('')).toBe('')
  })
})

describe('csvLine', () => {
  it('joins escaped cells with commas and ends with CRLF', () => {
    expect(csvLine(['time', '=1+1', 'x,y'])).toBe(`time,'=1+1,"x,y"\r\n`)
    expect(csvLine([])).toBe('\r\n')
  })
})
