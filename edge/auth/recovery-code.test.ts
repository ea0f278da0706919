// The password-reset code, driven through @supabase/supabase-js as the web app's forgot-password page
// drives it: resetPasswordForEmail, then verifyOtp({ email, token, type: 'recovery' }) signs in.
import { createClient } from '@supabase/supabase-js'
import { afterAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { SUPABASE_URL, testDb } from '../../test/support/fixtures.ts'
import { authTestApp } from './testing.ts'

const sql = testDb(1)
const t = await authTestApp()
afterAll(async () => {
  await t.close()
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
    realtime: { transport: WebSocket as never }, // Node 20 has no WebSocket; realtime is not used here
  }).auth
}

/** A fresh account that asked for a reset; its newest code. */
async function askedForReset(app: TestAuth = t) {
  const { email } = await app.signUp('first-pass-61')
  expect((await client(app).resetPasswordForEmail(email)).error).toBeNull()
  return { email, code: await newestCode(email) }
}

async function newestCode(email: string) {
  const [row] = await sql`
    select body_text from private.outbox_emails where to_email = ${email} and kind = 'recovery'
    order by created_at desc limit 1`
  const code = /code: (\d{6})/.exec(row?.body_text ?? '')?.[1]
  if (!code) throw new Error(`no code emailed to ${email}`)
  return code
}

const otherThan = (code: string) => (code === '000000' ? '111111' : '000000')

describe('the password-reset code (verifyOtp, type recovery)', () => {
  it('signs the person in once; they choose a new password and sign in with it', async () => {
    const { email, code } = await askedForReset()
    const auth = client()
    const { data, error } = await auth.verifyOtp({
      email: email.toUpperCase(),
      token: code,
      type: 'recovery',
    })
    expect(error).toBeNull()
    expect(data.session?.user.email).toBe(email)
    expect((await auth.updateUser({ password: 'second-pass-62' })).error).toBeNull()
    expect((await client().signInWithPassword({ email, password: 'second-pass-62' })).error).toBeNull()
    expect((await client().signInWithPassword({ email, password: 'first-pass-61' })).error?.code).toBe(
      'invalid_credentials',
    )

    const again = await client().verifyOtp({ email, token: code, type: 'recovery' })
    expect(again.data.session).toBeNull()
    expect(again.error).toMatchObject({ status: 403, code: 'otp_expired' })
  })

  it('refuses a wrong code, an expired one, and one a newer email replaced', async () => {
    const { email, code } = await askedForReset()
    const wrong = await client().verifyOtp({ email, token: otherThan(code), type: 'recovery' })
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' })
    // Another address's code does not open this account.
    const other = await askedForReset()
    expect((await client().verifyOtp({ email, token: other.code, type: 'recovery' })).error?.code).toBe(
      'otp_expired',
    )

    await sql`update auth.one_time_tokens set created_at = created_at - interval '2 hours'
              where relates_to = ${email} and token_type = 'recovery_token'`
    const expired = await client().verifyOtp({ email, token: code, type: 'recovery' })
    expect(expired.error?.code).toBe('otp_expired')

    expect((await client().resetPasswordForEmail(email)).error).toBeNull()
    const first = await newestCode(email)
    expect((await client().resetPasswordForEmail(email)).error).toBeNull()
    const second = await newestCode(email)
    if (first !== second) {
      expect((await client().verifyOtp({ email, token: first, type: 'recovery' })).error?.code).toBe(
        'otp_expired',
      )
    }
    expect((await client().verifyOtp({ email, token: second, type: 'recovery' })).error).toBeNull()
  })

  it('limits code attempts per account, from any address: past the limit even the right code waits', async () => {
    const limited = await authTestApp({ AUTH_RATE_LIMIT_PER_EMAIL: '4' })
    try {
      const { email, code } = await askedForReset(limited)
      // The reset request counts against sending; guesses against trying codes, each from another IP.
      for (let i = 0; i < 4; i++) {
        const guess = await client(limited, `10.0.0.${i + 1}`).verifyOtp({
          email,
          token: otherThan(code),
          type: 'recovery',
        })
        expect(guess.error?.code).toBe('otp_expired')
      }
      const right = await client(limited, '10.0.0.99').verifyOtp({ email, token: code, type: 'recovery' })
      expect(right.error).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
      expect(right.data.session).toBeNull()
      // Another account is not slowed by it.
      const other = await askedForReset(limited)
      const ok = await client(limited, '10.0.0.1').verifyOtp({
        email: other.email,
        token: other.code,
        type: 'recovery',
      })
      expect(ok.error).toBeNull()
    } finally {
      await limited.close()
    }
  })
})
