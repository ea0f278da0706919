// Signing in by phone, driven through @supabase/supabase-js as the web's phone page drives it:
// signInWithOtp({ phone }), then verifyOtp({ phone, token, type: 'sms' }); and a parent setting their
// number with updateUser({ phone }) + verifyOtp({ type: 'phone_change' }). Texts land in the local
// mailbox, or, with SMS_PROVIDER=africastalking, at a fake Africa's Talking (test/support/fake-africastalking.ts).
import { createClient } from '@supabase/supabase-js'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { accepted, startFakeAfricasTalking } from '../../test/support/fake-africastalking.ts'
import { createUser, SUPABASE_URL, testDb } from '../../test/support/fixtures.ts'
import { authTestApp, decodeJwt } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
const fake = await startFakeAfricasTalking()
const viaProvider = await authTestApp({
  SMS_PROVIDER: 'africastalking',
  AFRICASTALKING_USERNAME: 'kipindi',
  AFRICASTALKING_API_KEY: 'at-test-key',
  AFRICASTALKING_BASE_URL: fake.baseUrl,
})
afterAll(async () => {
  await Promise.all([t.close(), viaProvider.close(), fake.close()])
  await sql.end()
})

type TestAuth = Awaited<ReturnType<typeof authTestApp>>

/** A supabase-js client whose requests reach `app`, from the address `ip`. */
function client(app: TestAuth = t, ip = '41.90.64.11') {
  return createClient(SUPABASE_URL, app.keys.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: {
      fetch: async (input, init) => {
        const req = new Request(input, init)
        req.headers.set('x-forwarded-for', ip)
        return app.app.fetch(req)
      },
    },
    realtime: { transport: WebSocket as never },
  }).auth
}

/** A fresh Kenyan mobile number: [national form, E.164 digits]. */
function freshPhone(): [string, string] {
  const rest = String(Math.floor(Math.random() * 1e8)).padStart(8, '0')
  return [`07${rest}`, `2547${rest}`]
}

/** A fresh account whose confirmed number is `digits` (as the seed and a finished phone change leave it). */
async function parentWithPhone(app: TestAuth = t, locale?: 'en' | 'sw') {
  const { email, body } = await app.signUp()
  const [national, digits] = freshPhone()
  await sql`update auth.users set phone = ${digits}, phone_confirmed_at = now(),
            raw_user_meta_data = raw_user_meta_data || ${sql.json(locale ? { locale } : {})}
            where id = ${body.user.id}`
  return { id: body.user.id as string, email, national, digits }
}

async function texts(digits: string) {
  return sql<{ body_text: string }[]>`
    select body_text from private.outbox_sms where to_phone = ${`+${digits}`} order by created_at desc`
}

async function newestCode(digits: string) {
  const [row] = await texts(digits)
  const code = /\b(\d{6})\b/.exec(row?.body_text ?? '')?.[1]
  if (!code) throw new Error(`no code texted to ${digits}`)
  return code
}

const otherThan = (code: string) => (code === '000000' ? '111111' : '000000')

describe('phone sign-in (signInWithOtp + verifyOtp type sms)', () => {
  it('texts a code in the parent’s language and signs them in with it, once', async () => {
    const parent = await parentWithPhone(t, 'sw')
    const auth = client()
    const sent = await auth.signInWithOtp({ phone: parent.national, options: { shouldCreateUser: false } })
    expect(sent.error).toBeNull()
    expect(sent.data).toMatchObject({ user: null, session: null })
    const [text] = await texts(parent.digits)
    expect(text.body_text).toMatch(/^Msimbo wako wa kuingia Kipindi ni \d{6}\. Unaisha baada ya dakika 10\./)
    const code = await newestCode(parent.digits)
    // The code is stored hashed, never as it is.
    const [row] = await sql`select confirmation_token from auth.users where id = ${parent.id}`
    expect(row.confirmation_token).toMatch(/^[0-9a-f]{64}$/)
    expect(row.confirmation_token).not.toContain(code)

    const { data, error } = await auth.verifyOtp({ phone: `+${parent.digits}`, token: code, type: 'sms' })
    expect(error).toBeNull()
    expect(data.session?.user).toMatchObject({ id: parent.id, email: parent.email, phone: parent.digits })
    expect(data.session?.user.phone_confirmed_at).toBeTruthy()
    expect(data.session?.user.identities?.map((i) => i.provider).sort()).toEqual(['email', 'phone'])
    expect(data.session?.user.app_metadata.providers).toEqual(['email', 'phone'])
    const claims = decodeJwt(data.session?.access_token ?? '').payload
    expect(claims).toMatchObject({ sub: parent.id, phone: parent.digits, aal: 'aal1' })
    expect(claims.amr[0].method).toBe('otp')

    const again = await client().verifyOtp({ phone: parent.national, token: code, type: 'sms' })
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' })
  })

  it('answers an unknown number like a known one and texts nothing; create_user signs nobody up', async () => {
    const [national, digits] = freshPhone()
    for (const shouldCreateUser of [false, true]) {
      const res = await client().signInWithOtp({ phone: national, options: { shouldCreateUser } })
      expect(res.error).toBeNull()
    }
    expect(await texts(digits)).toHaveLength(0)
    const [count] = await sql`select count(*)::int as n from auth.users where phone = ${digits}`
    expect(count.n).toBe(0)
    // Verifying for it fails exactly like a wrong code.
    const res = await client().verifyOtp({ phone: national, token: '123456', type: 'sms' })
    expect(res.error).toMatchObject({
      status: 403,
      code: 'otp_expired',
      message: 'Token has expired or is invalid',
    })
  })

  it('refuses a wrong, an expired and a replaced code; a new one waits a minute', async () => {
    const parent = await parentWithPhone()
    expect((await client().signInWithOtp({ phone: parent.national })).error).toBeNull()
    const first = await newestCode(parent.digits)
    const wrong = await client().verifyOtp({ phone: parent.national, token: otherThan(first), type: 'sms' })
    expect(wrong.error?.code).toBe('otp_expired')

    const soon = await client().signInWithOtp({ phone: parent.national })
    expect(soon.error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit' })
    expect(soon.error?.message).toMatch(/only request this after \d+ seconds/)
    expect(await texts(parent.digits)).toHaveLength(1)

    await sql`update auth.users set confirmation_sent_at = confirmation_sent_at - interval '61 seconds'
              where id = ${parent.id}`
    expect((await client().signInWithOtp({ phone: parent.national })).error).toBeNull()
    const second = await newestCode(parent.digits)
    if (second !== first) {
      const replaced = await client().verifyOtp({ phone: parent.national, token: first, type: 'sms' })
      expect(replaced.error?.code).toBe('otp_expired')
    }
    await sql`update auth.users set confirmation_sent_at = now() - interval '601 seconds' where id = ${parent.id}`
    const expired = await client().verifyOtp({ phone: parent.national, token: second, type: 'sms' })
    expect(expired.error?.code).toBe('otp_expired')
  })

  it('limits code attempts per number, from any address: past the limit even the right code waits', async () => {
    const limited = await authTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '4' })
    try {
      const parent = await parentWithPhone(limited)
      expect((await client(limited).signInWithOtp({ phone: parent.national })).error).toBeNull()
      const code = await newestCode(parent.digits)
      for (let i = 0; i < 4; i++) {
        const guess = await client(limited, `10.0.1.${i + 1}`).verifyOtp({
          phone: parent.national,
          token: otherThan(code),
          type: 'sms',
        })
        expect(guess.error?.code).toBe('otp_expired')
      }
      const right = await client(limited, '10.0.1.99').verifyOtp({
        phone: parent.national,
        token: code,
        type: 'sms',
      })
      expect(right.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
      // Another parent behind the same school address is not slowed.
      const other = await parentWithPhone(limited)
      expect((await client(limited, '10.0.1.1').signInWithOtp({ phone: other.national })).error).toBeNull()
      const ok = await client(limited, '10.0.1.1').verifyOtp({
        phone: other.national,
        token: await newestCode(other.digits),
        type: 'sms',
      })
      expect(ok.error).toBeNull()
    } finally {
      await limited.close()
    }
  })

  it('refuses bad numbers, email codes and the whatsapp channel with GoTrue’s answers', async () => {
    const bad = await t.call('POST', '/otp', { body: { phone: '0812' } })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ code: 'validation_failed' })
    const email = await t.call('POST', '/otp', { body: { email: 'someone@test.kipindi.test' } })
    expect(email.status).toBe(400)
    const both = await t.call('POST', '/otp', { body: { email: 'a@test.kipindi.test', phone: '0712345678' } })
    expect(both.status).toBe(400)
    const whatsapp = await t.call('POST', '/otp', { body: { phone: '0712345678', channel: 'whatsapp' } })
    expect(whatsapp.status).toBe(400)
    const verify = await t.call('POST', '/verify', { body: { phone: 'nope', token: '123456', type: 'sms' } })
    expect(verify.status).toBe(400)
  })

  it('is off without a provider or the local mailbox', async () => {
    const off = await authTestApp({ LOCAL_MAILBOX: 'false' })
    try {
      const res = await client(off).signInWithOtp({ phone: '0712345678' })
      expect(res.error).toMatchObject({ status: 400, code: 'phone_provider_disabled' })
      const settings = await (await off.call('GET', '/settings')).json()
      expect(settings.external.phone).toBe(false)
    } finally {
      await off.close()
    }
    const settings = await (await t.call('GET', '/settings')).json()
    expect(settings.external.phone).toBe(true)
  })

  it('shows texts in the local mailbox, found by the number in any form', async () => {
    const parent = await parentWithPhone(t, 'en')
    expect((await client().signInWithOtp({ phone: parent.national })).error).toBeNull()
    const res = await t.call('GET', `/mailbox?to=${encodeURIComponent(parent.national)}`)
    const { emails } = await res.json()
    expect(emails).toHaveLength(1)
    expect(emails[0]).toMatchObject({
      to_email: `+${parent.digits}`,
      kind: 'sms',
      subject: 'SMS',
      action_url: null,
    })
    expect(emails[0].body_text).toMatch(/^Your Kipindi sign-in code is \d{6}\./)
    const byEmail = await (await t.call('GET', `/mailbox?to=${encodeURIComponent(parent.email)}`)).json()
    expect(byEmail.emails.every((e: { kind: string }) => e.kind !== 'sms')).toBe(true)
  })
})

describe('the demo parent (supabase/seed.sql)', () => {
  it('signs in with 0700 000 009 and the texted code', async () => {
    const auth = client()
    expect((await auth.signInWithOtp({ phone: '0700 000 009' })).error).toBeNull()
    const { data, error } = await auth.verifyOtp({
      phone: '0700000009',
      token: await newestCode('254700000009'),
      type: 'sms',
    })
    expect(error).toBeNull()
    expect(data.user?.email).toBe('parent@demo.kipindi.test')
  })
})

describe("through Africa's Talking (a fake at its HTTP boundary)", () => {
  it('sends the code there, not to the mailbox, and signs in with it', async () => {
    const parent = await parentWithPhone(viaProvider, 'en')
    const auth = client(viaProvider)
    expect((await auth.signInWithOtp({ phone: parent.national })).error).toBeNull()
    const [message] = fake.messagesTo(`+${parent.digits}`)
    expect(message).toMatch(/^Your Kipindi sign-in code is \d{6}\. It expires in 10 minutes\./)
    const request = fake.requests.find((r) => r.form.to === `+${parent.digits}`)
    expect(request?.headers.apikey).toBe('at-test-key')
    expect(request?.form.username).toBe('kipindi')
    expect(await texts(parent.digits)).toHaveLength(0)
    const code = /(\d{6})/.exec(message)?.[1] ?? ''
    const { data, error } = await auth.verifyOtp({ phone: parent.national, token: code, type: 'sms' })
    expect(error).toBeNull()
    expect(data.session?.user.id).toBe(parent.id)
    const settings = await (await viaProvider.call('GET', '/settings')).json()
    expect(settings).toMatchObject({ external: { phone: true }, sms_provider: 'africastalking' })
  })

  it('answers sms_send_failed and keeps no code when the provider refuses', async () => {
    const parent = await parentWithPhone(viaProvider)
    fake.answerWith(() => ({ status: 401, body: 'The supplied authentication is invalid' }))
    try {
      const res = await client(viaProvider).signInWithOtp({ phone: parent.national })
      expect(res.error).toMatchObject({ status: 422, code: 'sms_send_failed' })
    } finally {
      fake.answerWith(accepted)
    }
    const [row] =
      await sql`select confirmation_token, confirmation_sent_at from auth.users where id = ${parent.id}`
    expect(row).toMatchObject({ confirmation_token: '', confirmation_sent_at: null })
    // Nothing was stored, so asking again at once is not "too soon".
    expect((await client(viaProvider).signInWithOtp({ phone: parent.national })).error).toBeNull()
  })
})

describe('setting my phone number (updateUser + verifyOtp type phone_change)', () => {
  it('texts a code to the new number; verifying makes it the account’s and it then signs in', async () => {
    const { email, password } = await t.signUp()
    const auth = client()
    expect((await auth.signInWithPassword({ email, password })).error).toBeNull()
    const [national, digits] = freshPhone()
    const asked = await auth.updateUser({ phone: national })
    expect(asked.error).toBeNull()
    expect(asked.data.user).toMatchObject({ phone: '', new_phone: digits })
    expect((asked.data.user as { phone_change_sent_at?: string } | null)?.phone_change_sent_at).toBeTruthy()
    expect((await texts(digits))[0].body_text).toMatch(
      /code to confirm this phone number|kuthibitisha nambari/,
    )

    // The number is not the account's yet: signing in with it texts nothing.
    expect((await client().signInWithOtp({ phone: national })).error).toBeNull()
    expect(await texts(digits)).toHaveLength(1)
    const tooSoon = await auth.updateUser({ phone: freshPhone()[0] })
    expect(tooSoon.error).toMatchObject({ status: 429, code: 'over_sms_send_rate_limit' })

    const code = await newestCode(digits)
    const wrong = await client().verifyOtp({ phone: national, token: otherThan(code), type: 'phone_change' })
    expect(wrong.error?.code).toBe('otp_expired')
    const { data, error } = await auth.verifyOtp({ phone: national, token: code, type: 'phone_change' })
    expect(error).toBeNull()
    expect(data.user).toMatchObject({ email, phone: digits })
    expect(data.user?.new_phone).toBeUndefined()
    const [audit] = await sql`select action from public.audit_log where target_id = ${data.user?.id ?? ''}
                              and action = 'auth.phone_changed'`
    expect(audit).toBeTruthy()

    expect((await client().signInWithOtp({ phone: `+${digits}` })).error).toBeNull()
    const signIn = await client().verifyOtp({ phone: national, token: await newestCode(digits), type: 'sms' })
    expect(signIn.error).toBeNull()
    expect(signIn.data.user?.email).toBe(email)
  })

  it('is refused while a superadmin acts as the person (impersonation)', async () => {
    const superadmin = await createUser(sql, { platformRole: 'superadmin' })
    const parent = await parentWithPhone()
    const started = await t.call('POST', '/impersonate', {
      token: superadmin.token,
      body: { user_id: parent.id, reason: 'Cannot see the child’s grades (ticket 77)' },
    })
    expect(started.status).toBe(200)
    const { access_token } = await started.json()
    const res = await t.call('PUT', '/user', { token: access_token, body: { phone: freshPhone()[0] } })
    expect(res.status).toBe(403)
    expect((await res.json()).code).toBe('impersonation_forbidden')
    const [row] = await sql`select phone, phone_change from auth.users where id = ${parent.id}`
    expect(row).toMatchObject({ phone: parent.digits, phone_change: '' })
  })

  it('refuses a number another account has, with GoTrue’s phone_exists', async () => {
    const owner = await parentWithPhone()
    const { email, password } = await t.signUp()
    const auth = client()
    await auth.signInWithPassword({ email, password })
    const res = await auth.updateUser({ phone: owner.national })
    expect(res.error).toMatchObject({ status: 422, code: 'phone_exists' })
    expect(await texts(owner.digits)).toHaveLength(0)
  })
})
