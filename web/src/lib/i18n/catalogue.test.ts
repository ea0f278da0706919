import { describe, expect, it } from 'vitest'
import { type Catalogue, defineMessages, formatMessage, placeholders } from './catalogue.ts'

describe('formatMessage', () => {
  it('fills placeholders and localises numbers', () => {
    expect(formatMessage('{name} has {n} points', { name: 'Amina', n: 12500 }, 'en')).toBe(
      'Amina has 12,500 points',
    )
    expect(formatMessage('Hello {missing}', {}, 'en')).toBe('Hello {missing}')
  })

  it('chooses plural forms from count in both languages', () => {
    const members = { zero: 'No members', one: '{count} member', other: '{count} members' }
    expect(formatMessage(members, { count: 0 }, 'en')).toBe('No members')
    expect(formatMessage(members, { count: 1 }, 'en')).toBe('1 member')
    expect(formatMessage(members, { count: 3 }, 'en')).toBe('3 members')
    const wanafunzi = { one: 'mwanafunzi {count}', other: 'wanafunzi {count}' }
    expect(formatMessage(wanafunzi, { count: 1 }, 'sw')).toBe('mwanafunzi 1')
    expect(formatMessage(wanafunzi, { count: 2 }, 'sw')).toBe('wanafunzi 2')
  })
})

type AnyCatalogue = Catalogue<string>
const modules = import.meta.glob<{ messages: AnyCatalogue }>('../../**/messages.ts', { eager: true })

describe('every catalogue in web/src', () => {
  it('is found', () => {
    expect(Object.keys(modules).length).toBeGreaterThan(0)
    expect(defineMessages({ en: { a: 'A' }, sw: { a: 'A' } }).sw.a).toBe('A')
  })

  for (const [file, module] of Object.entries(modules)) {
    const { en, sw } = module.messages
    it(`${file}: the same keys in English and Kiswahili, none empty`, () => {
      expect(Object.keys(sw).sort()).toEqual(Object.keys(en).sort())
      for (const [key, message] of [...Object.entries(en), ...Object.entries(sw)]) {
        const texts = typeof message === 'string' ? [message] : Object.values(message)
        for (const text of texts) expect(text.trim(), `${file} ${key}`).not.toBe('')
      }
    })

    it(`${file}: each key uses the same placeholders in both languages`, () => {
      for (const key of Object.keys(en))
        expect(placeholders(sw[key]), `${file} ${key}`).toEqual(placeholders(en[key]))
    })
  }
})
