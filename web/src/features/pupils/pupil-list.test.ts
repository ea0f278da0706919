import { describe, expect, it } from 'vitest'
import { readPupilList } from './pupil-list.ts'

describe('readPupilList', () => {
  it('reads "name, admission number" lines and spreadsheet columns', () => {
    expect(readPupilList('Amani Otieno, 2024/045\n\nZawadi Njeri,ADM-7\n')).toEqual({
      pupils: [
        { name: 'Amani Otieno', admission_no: '2024/045' },
        { name: 'Zawadi Njeri', admission_no: 'ADM-7' },
      ],
    })
    expect(readPupilList('Baraka\t17\nNeema\t18')).toEqual({
      pupils: [
        { name: 'Baraka', admission_no: '17' },
        { name: 'Neema', admission_no: '18' },
      ],
    })
  })

  it('names the line of the first problem', () => {
    expect(readPupilList('  \n')).toEqual({ problem: { kind: 'empty' } })
    expect(readPupilList('Amani, 1\nZawadi')).toEqual({ problem: { kind: 'line', line: 2 } })
    expect(readPupilList('Amani, 1\nZawadi, 2 3')).toEqual({ problem: { kind: 'admission', line: 2 } })
    expect(readPupilList('Amani, a-1\nZawadi, A-1')).toEqual({
      problem: { kind: 'twice', line: 2, number: 'A-1' },
    })
    expect(readPupilList(Array.from({ length: 101 }, (_, i) => `P${i}, ${i}`).join('\n'))).toEqual({
      problem: { kind: 'tooMany', max: 100 },
    })
  })
})
