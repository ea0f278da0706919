import { describe, expect, it } from 'vitest'
import { guessHome, rememberHome } from './home-guess.ts'

function memoryStorage() {
  const items = new Map<string, string>()
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  }
}

describe('the school a home was last opened in', () => {
  it('is guessed only for the same person and slug', () => {
    const storage = memoryStorage()
    expect(guessHome(() => storage, 'u1', 'demo')).toBeUndefined()
    rememberHome(() => storage, { userId: 'u1', slug: 'demo', id: 't1', role: 'student' })
    expect(guessHome(() => storage, 'u1', 'demo')).toEqual({ id: 't1', role: 'student' })
    expect(guessHome(() => storage, 'u2', 'demo')).toBeUndefined()
    expect(guessHome(() => storage, 'u1', 'other')).toBeUndefined()
  })

  it('is no guess when storage is blocked or holds something else', () => {
    const blocked = () => {
      throw new Error('SecurityError')
    }
    expect(guessHome(blocked, 'u1', 'demo')).toBeUndefined()
    expect(() => rememberHome(blocked, { userId: 'u1', slug: 'demo', id: 't1', role: null })).not.toThrow()
    const storage = memoryStorage()
    storage.setItem('kipindi.homeSchool', '{not json')
    expect(guessHome(() => storage, 'u1', 'demo')).toBeUndefined()
  })
})
