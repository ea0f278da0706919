import { describe, expect, it } from 'vitest'
import { CreatePupilAccountsBody } from './pupils.ts'
import { isPupilLoginEmail, pupilLoginEmail } from './pupils-values.ts'

describe('pupilLoginEmail', () => {
  it('builds the same address as private.pupil_email, in any case as typed', () => {
    expect(pupilLoginEmail('k7mxq4', '2024/045')).toBe('2024.045@k7mxq4.pupils.invalid')
    expect(pupilLoginEmail(' K7MXQ4 ', ' ADM-17 ')).toBe('adm-17@k7mxq4.pupils.invalid')
    expect(isPupilLoginEmail(pupilLoginEmail('K7MXQ4', '1'))).toBe(true)
    expect(isPupilLoginEmail('owner@demo.kipindi.test')).toBe(false)
  })

  it('has no address for a code or number that cannot be one', () => {
    for (const [code, n] of [
      ['K7M', '12'],
      ['K7MXQ4-', '12'],
      ['K7MXQ4', ''],
      ['K7MXQ4', '12 34'],
      ['K7MXQ4', '/12'],
      ['K7MXQ4', '12//3'],
      ['K7MXQ4', 'x@y'],
      ['K7MXQ4', '1'.repeat(21)],
    ]) {
      expect(pupilLoginEmail(code as string, n as string)).toBeUndefined()
    }
  })
})

describe('CreatePupilAccountsBody', () => {
  it('takes names and admission numbers, refusing a number listed twice in any case', () => {
    const ok = CreatePupilAccountsBody.safeParse({ pupils: [{ name: ' Amani ', admission_no: '2024/1' }] })
    expect(ok.success && ok.data.pupils[0]).toEqual({ name: 'Amani', admission_no: '2024/1' })
    const twice = CreatePupilAccountsBody.safeParse({
      pupils: [
        { name: 'A', admission_no: 'x-1' },
        { name: 'B', admission_no: 'X-1' },
      ],
    })
    expect(twice.error?.issues.map((i) => i.path)).toEqual([['pupils', 1, 'admission_no']])
    expect(CreatePupilAccountsBody.safeParse({ pupils: [] }).success).toBe(false)
    expect(
      CreatePupilAccountsBody.safeParse({ pupils: [{ name: 'A', admission_no: '1', role: 'admin' }] })
        .success,
    ).toBe(false)
  })
})
