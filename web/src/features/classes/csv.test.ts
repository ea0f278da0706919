import { describe, expect, it } from 'vitest'
import { detectSeparator, parseCsv } from './csv.ts'
import { readStudentList } from './student-csv.ts'

const cells = (text: string) => parseCsv(text).map((r) => r.cells)

describe('parseCsv', () => {
  it('reads plain rows with LF, CRLF and CR line ends and skips blank lines', () => {
    expect(cells('a,b\n\nc,d\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(cells('a,b\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
    expect(cells('a,b\rc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ])
  })

  it('keeps separators, doubled quotes and line breaks inside quotes', () => {
    expect(cells('"Otieno, Baraka","He said ""hi""","two\r\nlines"\nx,y,z')).toEqual([
      ['Otieno, Baraka', 'He said "hi"', 'two\r\nlines'],
      ['x', 'y', 'z'],
    ])
  })

  it('counts lines so that rows after a quoted line break say where they are', () => {
    const rows = parseCsv('a,"b\nc"\nd,e\n\nf,g')
    expect(rows.map((r) => r.line)).toEqual([1, 3, 5])
  })

  it('drops a UTF-8 byte order mark and keeps empty cells', () => {
    expect(cells('\uFEFFname,email,,\nAmina,a@b.co,,')).toEqual([
      ['name', 'email', '', ''],
      ['Amina', 'a@b.co', '', ''],
    ])
  })

  it('uses the separator of the first line: semicolons as Excel writes them in some locales, or tabs', () => {
    expect(detectSeparator('name;email;grade\nA, B;x@y.z;7')).toBe(';')
    expect(cells('name;email\n"Kamau; John";j@k.co')).toEqual([
      ['name', 'email'],
      ['Kamau; John', 'j@k.co'],
    ])
    expect(detectSeparator('name\temail\n')).toBe('\t')
    expect(detectSeparator('"a;b;c",d\n')).toBe(',')
    expect(detectSeparator('only one column')).toBe(',')
  })
})

describe('readStudentList', () => {
  it('recognises a header row in any order and in Kiswahili, and does not import it', () => {
    const list = readStudentList('Barua pepe;Jina;Darasa\namina@x.co;Amina Njeri;Grade 7 East\n')
    expect(list.header).toBe(true)
    expect(list.rows).toEqual([{ name: 'Amina Njeri', email: 'amina@x.co', class: 'Grade 7 East' }])
    expect(list.lines).toEqual([2])
  })

  it('reads name, email, grade, class in that order when there is no header', () => {
    const list = readStudentList('Amina Njeri,amina@x.co,7,Grade 7 East\r\nBaraka,b@x.co\r\n')
    expect(list.header).toBe(false)
    expect(list.rows).toEqual([
      { name: 'Amina Njeri', email: 'amina@x.co', grade: '7', class: 'Grade 7 East' },
      { name: 'Baraka', email: 'b@x.co' },
    ])
  })

  it('does not take a first student whose name is a header word for a header', () => {
    const list = readStudentList('Grade,class@x.co\nAmina,a@x.co')
    expect(list.header).toBe(false)
    expect(list.rows).toHaveLength(2)
  })

  it('keeps rows with blanks for the server to report (missing name, bad email)', () => {
    const list = readStudentList('name,email\n,nobody@x.co\nNo Email,\n')
    expect(list.rows).toEqual([
      { name: '', email: 'nobody@x.co' },
      { name: 'No Email', email: '' },
    ])
  })
})

describe('readStudentList with phone numbers', () => {
  it('takes a number in the email column for a phone, and reads a phone column by its header', () => {
    expect(readStudentList('Wanjiru Kamau,0712 345 678,4,Grade 4 West').rows).toEqual([
      { name: 'Wanjiru Kamau', email: '', phone: '0712 345 678', grade: '4', class: 'Grade 4 West' },
    ])
    const list = readStudentList('Jina,Namba ya simu,Darasa\nOtieno,+254 712 000 111,4 West\n')
    expect(list.header).toBe(true)
    expect(list.rows).toEqual([{ name: 'Otieno', email: '', phone: '+254 712 000 111', class: '4 West' }])
  })

  it('reads an address in the phone column as an email', () => {
    expect(readStudentList('jina,simu\nAmina,amina@x.co\nBaraka,12345').rows).toEqual([
      { name: 'Amina', email: 'amina@x.co' },
      { name: 'Baraka', email: '', phone: '12345' },
    ])
  })

  it('keeps a malformed email an email, for the server to report', () => {
    expect(readStudentList('Amina,amina.example.com').rows).toEqual([
      { name: 'Amina', email: 'amina.example.com' },
    ])
  })
})
