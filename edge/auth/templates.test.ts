import { describe, expect, it } from 'vitest'
import { authEmail, emailChangeEmails, emailLocale } from './templates.ts'

const URL_ = 'http://127.0.0.1:54321/auth/v1/verify?token=t&type=signup'

describe('emailLocale', () => {
  it('reads en or sw from user metadata, nothing else', () => {
    expect(emailLocale({ locale: 'sw' })).toBe('sw')
    expect(emailLocale({ locale: 'en' })).toBe('en')
    expect(emailLocale({ locale: 'fr' })).toBeUndefined()
    expect(emailLocale({})).toBeUndefined()
    expect(emailLocale(null)).toBeUndefined()
  })
})

describe('auth emails in each language', () => {
  const cases = [
    [
      'signup',
      'Confirm your Kipindi account',
      'Thibitisha akaunti yako ya Kipindi',
      'Confirm your email',
      'Thibitisha barua pepe yako',
    ],
    [
      'recovery',
      'Reset your Kipindi password',
      'Badilisha nenosiri lako la Kipindi',
      'Reset your password',
      'Badilisha nenosiri lako',
    ],
    [
      'invite',
      'You have been invited to Kipindi',
      'Umealikwa kujiunga na Kipindi',
      'Accept the invitation',
      'Kubali mwaliko',
    ],
    ['magiclink', 'Your Kipindi sign-in link', 'Kiungo chako cha kuingia Kipindi', 'Sign in', 'Ingia'],
  ] as const

  for (const [kind, enSubject, swSubject, enAction, swAction] of cases) {
    it(`${kind}: English, Kiswahili, and both when the language is unknown`, () => {
      const en = authEmail(kind, 'a@b.test', URL_, '123456', 30, 'en')
      expect(en.subject).toBe(enSubject)
      expect(en.text).toContain(`${enAction}: ${URL_}`)
      expect(en.text).toContain('Or enter this code: 123456')
      expect(en.text).toContain('expires in 30 minutes')
      expect(en.text).not.toContain('Kiungo')

      const sw = authEmail(kind, 'a@b.test', URL_, '123456', 30, 'sw')
      expect(sw.subject).toBe(swSubject)
      expect(sw.text).toContain(`${swAction}: ${URL_}`)
      expect(sw.text).toContain('Au weka msimbo huu: 123456')
      expect(sw.text).toContain('baada ya dakika 30')
      expect(sw.text).not.toContain('expires')

      const both = authEmail(kind, 'a@b.test', URL_, '123456', 30)
      expect(both.subject).toBe(`${swSubject} / ${enSubject}`)
      expect(both.text.startsWith('(English below)')).toBe(true)
      expect(both.text.indexOf(`${swAction}: ${URL_}`)).toBeLessThan(
        both.text.indexOf(`${enAction}: ${URL_}`),
      )
      expect(both.actionUrl).toBe(URL_)
    })
  }

  it('leaves the code line out when there is no code', () => {
    expect(authEmail('recovery', 'a@b.test', URL_, undefined, 60, 'sw').text).not.toContain('msimbo')
  })
})

describe('email change emails in each language', () => {
  const change = { from: 'old@b.test', to: 'new@b.test' }
  const links = { next: 'http://x/next', current: 'http://x/current' }

  it('English: each says where the other went', () => {
    const [toNew, toOld] = emailChangeEmails(change, links, 60, 'en')
    expect(toNew).toMatchObject({
      to: 'new@b.test',
      subject: 'Confirm your new email address',
      actionUrl: links.next,
    })
    expect(toNew.text).toContain('from old@b.test to this address')
    expect(toNew.text).toContain(`Confirm the new address: ${links.next}`)
    expect(toOld).toMatchObject({ to: 'old@b.test', subject: 'Confirm the change of your Kipindi email' })
    expect(toOld.text).toContain('to new@b.test')
    expect(toOld.text).toContain('someone may know your password')
  })

  it('Kiswahili: each says where the other went', () => {
    const [toNew, toOld] = emailChangeEmails(change, links, 60, 'sw')
    expect(toNew.subject).toBe('Thibitisha anwani yako mpya ya barua pepe')
    expect(toNew.text).toContain('kutoka old@b.test kuwa anwani hii')
    expect(toNew.text).toContain(`Thibitisha anwani mpya: ${links.next}`)
    expect(toOld.subject).toBe('Thibitisha kubadilishwa kwa barua pepe yako ya Kipindi')
    expect(toOld.text).toContain('kuwa new@b.test')
    expect(toOld.text).toContain(`Thibitisha mabadiliko: ${links.current}`)
    expect(toOld.text).toContain('huenda mtu mwingine anajua nenosiri lako')
  })

  it('both languages, Kiswahili first, when the language is unknown', () => {
    const [toNew, toOld] = emailChangeEmails(change, links, 60)
    expect(toNew.subject).toBe('Thibitisha anwani yako mpya ya barua pepe / Confirm your new email address')
    expect(toOld.text.indexOf('Thibitisha mabadiliko')).toBeLessThan(toOld.text.indexOf('Confirm the change'))
  })
})
