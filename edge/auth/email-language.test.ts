import { afterAll, describe, expect, it } from 'vitest'
import { unique } from '../../test/support/fixtures.ts'
import { authTestApp } from './testing.ts'

// Auth emails follow the `locale` the sign-up form and the account page keep in user metadata.

const confirming = await authTestApp({ AUTH_CONFIRM_EMAIL: 'true' })
const open = await authTestApp()
afterAll(async () => {
  await confirming.close()
  await open.close()
})

const newEmail = () => `${unique('lang')}@test.kipindi.test`
const mailTo = async (email: string) =>
  (await (await confirming.call('GET', `/mailbox?to=${email}`)).json()).emails as {
    subject: string
    body_text: string
    kind: string
  }[]

async function signUp(locale?: string) {
  const email = newEmail()
  const data = locale ? { locale } : undefined
  const res = await confirming.call('POST', '/signup', { body: { email, password: 'lesson-plan-42', data } })
  expect(res.status).toBe(200)
  return email
}

describe('auth emails in the recipient language', () => {
  it('confirms a Kiswahili sign-up in Kiswahili, and its recovery too', async () => {
    const email = await signUp('sw')
    const [confirm] = await mailTo(email)
    expect(confirm).toMatchObject({ kind: 'signup', subject: 'Thibitisha akaunti yako ya Kipindi' })
    expect(confirm.body_text).toContain('Karibu Kipindi!')
    expect(confirm.body_text).not.toContain('Welcome')

    await confirming.call('POST', '/recover', { body: { email } })
    const [recovery] = await mailTo(email)
    expect(recovery).toMatchObject({ kind: 'recovery', subject: 'Badilisha nenosiri lako la Kipindi' })
    expect(recovery.body_text).toMatch(/Au weka msimbo huu: \d{6}/)
  })

  it('writes English to an English sign-up', async () => {
    const email = await signUp('en')
    const [confirm] = await mailTo(email)
    expect(confirm.subject).toBe('Confirm your Kipindi account')
    expect(confirm.body_text).not.toContain('Karibu')
  })

  it('writes both languages, Kiswahili first, when the account has no language', async () => {
    const email = await signUp()
    const [confirm] = await mailTo(email)
    expect(confirm.subject).toBe('Thibitisha akaunti yako ya Kipindi / Confirm your Kipindi account')
    expect(confirm.body_text.indexOf('Karibu Kipindi!')).toBeLessThan(
      confirm.body_text.indexOf('Welcome to Kipindi!'),
    )
  })

  it('writes both email-change emails in the language the account page set', async () => {
    const email = newEmail()
    const signed = await open.call('POST', '/signup', { body: { email, password: 'lesson-plan-42' } })
    const { access_token } = await signed.json()
    const set = await open.call('PUT', '/user', { token: access_token, body: { data: { locale: 'sw' } } })
    expect(set.status).toBe(200)
    const next = newEmail()
    expect((await open.call('PUT', '/user', { token: access_token, body: { email: next } })).status).toBe(200)
    const [toNew] = await mailTo(next)
    const [toOld] = await mailTo(email)
    expect(toNew).toMatchObject({
      kind: 'email_change',
      subject: 'Thibitisha anwani yako mpya ya barua pepe',
    })
    expect(toOld).toMatchObject({
      kind: 'email_change',
      subject: 'Thibitisha kubadilishwa kwa barua pepe yako ya Kipindi',
    })
    expect(toOld.body_text).toContain(`kuwa ${next}`)
  })
})
