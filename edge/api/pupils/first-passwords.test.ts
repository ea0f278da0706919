import { bcryptVerify } from 'hash-wasm'
import { describe, expect, it } from 'vitest'
import { checkPassword } from '../../contract/password.ts'
import { hashPassword } from '../../lib/passwords.ts'
import { firstPassword, WORD_COUNT } from './first-passwords.ts'

describe('first passwords', () => {
  it('are two words and three digits that meet the password policy, and differ', () => {
    const made = Array.from({ length: 200 }, firstPassword)
    for (const p of made) {
      expect(p).toMatch(/^[a-z]{2,7}-[a-z]{2,7}-\d{3}$/)
      expect(checkPassword(p).every((rule) => rule.ok)).toBe(true)
    }
    expect(new Set(made).size).toBeGreaterThan(195)
    expect(WORD_COUNT).toBeGreaterThanOrEqual(90)
  })

  it('are hashed as local auth and GoTrue store them ($2a$, cost 10)', async () => {
    const hash = await hashPassword('twiga-mvua-407')
    expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/)
    expect(await bcryptVerify({ password: 'twiga-mvua-407', hash })).toBe(true)
  })
})
