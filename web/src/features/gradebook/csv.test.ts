import { describe, expect, it } from 'vitest'
import { type CsvWords, csvCell, csvFileName, toCsv } from './csv.ts'
import { gradebook } from './test-fixtures.ts'

const words: CsvWords = {
  student: 'Student',
  average: (name) => `${name} (average)`,
  total: 'Total',
  attended: 'Sessions attended',
  booked: 'Sessions booked',
  missing: 'missing',
  btec: (grade) => grade,
}

const lines = (csv: string) => csv.split('\r\n')

describe('toCsv', () => {
  it('has a header row, then one row per student, each line ended by CRLF', () => {
    const csv = toCsv(gradebook(), words)
    expect(csv.endsWith('\r\n')).toBe(true)
    const [header, amina, second, end] = lines(csv)
    expect(header).toBe(
      'Student,Essay,Quiz 1,Quiz 2,Project,Assignments (average),Quizzes (average),Total,Sessions attended,Sessions booked',
    )
    // Missing says so, percentages have one decimal, BTEC gives the grade, the total override counts.
    expect(amina).toBe('Amina Otieno,missing,83.3,90.0,Merit,0.0,90.0,80.0,3,4')
    expect(second.split(',').slice(-3)).toEqual(['', '0', '1'])
    expect(end).toBe('')
  })

  it('quotes cells holding commas, quotes or line breaks, doubling the quotes', () => {
    const gb = gradebook()
    gb.items[0].title = 'Quiz 1, "mock"'
    gb.rows[0].student_name = 'Otieno\nAmina'
    const csv = toCsv(gb, words)
    expect(lines(csv)[0]).toContain(',"Quiz 1, ""mock""",')
    expect(csv).toContain('"Otieno\nAmina",')
  })

  it('keeps a spreadsheet from running a name or title as a formula', () => {
    const gb = gradebook()
    gb.items[0].title = '@SUM(A1:A9)'
    const csv = toCsv(gb, words)
    expect(lines(csv)[0]).toContain(",'@SUM(A1:A9),")
    // The student "=HYPERLINK("http://x")" becomes text, then is quoted for its quotes.
    expect(lines(csv)[2].startsWith(`"'=HYPERLINK(""http://x"")",`)).toBe(true)
  })
})

describe('csvCell', () => {
  it('prefixes every formula start with an apostrophe', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r'])
      expect(csvCell(`${start}1+1`).replace(/^"/, '').startsWith(`'${start}`)).toBe(true)
    expect(csvCell('\r1')).toBe(`"'\r1"`)
    expect(csvCell('-5')).toBe("'-5")
  })

  it('leaves plain text and numbers alone', () => {
    expect(csvCell('Amina')).toBe('Amina')
    expect(csvCell('83.3')).toBe('83.3')
    expect(csvCell('')).toBe('')
  })
})

describe('csvFileName', () => {
  it('is "<course title> gradebook <day>.csv" with no character a file name may not hold', () => {
    expect(csvFileName('Biology: Form 2', '2026-12-06')).toBe('Biology Form 2 gradebook 2026-12-06.csv')
    expect(csvFileName('Maths', '2026-01-05')).toBe('Maths gradebook 2026-01-05.csv')
    expect(csvFileName('a/b\\c?', '2026-01-05')).toBe('a b c gradebook 2026-01-05.csv')
    expect(csvFileName('???', '2026-01-05')).toBe('Course gradebook 2026-01-05.csv')
  })
})
