// Signing in with a phone number and an SMS code: GoTrue's phone OTP, as supabase-js calls it.
//   signInWithOtp({ phone })                       POST /otp {phone, create_user, channel}
//   verifyOtp({ phone, token, type: 'sms' })       POST /verify → a session
//   updateUser({ phone })                          PUT /user: a code to the new number
//   verifyOtp({ phone, token, type: 'phone_change' }) POST /verify → the number is the account's, a session
// Codes live where GoTrue keeps them: sha-256(phone:code) in auth.users.confirmation_token (sign-in,
// sent at confirmation_sent_at) or phone_change_token (a new number, phone_change_sent_at). A new code
// replaces the previous one; a use clears it; AUTH_SMS_OTP_EXP ends it. Phones are E.164 digits
// without the plus (auth.users.phone, as GoTrue). Only accounts that have the number sign in this way:
// parents are invited by their school, so nobody signs up by phone (see README, "Phone sign-in").
import type { Context } from 'hono'
import { Hono } from 'hono'
import { z } from 'zod'
import type { AuthErrorCode } from '../contract/error-codes.ts'
import { PhoneNumber } from '../contract/phone-number.ts'
import { ApiError } from '../lib/errors.ts'
import { clientIp, readJson } from '../lib/http.ts'
import { auditAuth } from './accounts.ts'
import { type AuthApp, type AuthDeps, clientInfo } from './context.ts'
import { randomDigits, sha256Hex } from './crypto.ts'
import { authError, otpExpired } from './errors.ts'
import { type SessionJson, startSession } from './sessions.ts'
import { phoneProviderDisabled, type SmsKind, smsText } from './sms.ts'
import { emailLocale } from './templates.ts'
import { type Db, findUserById, isBanned, type UserRow } from './users.ts'

/** Seconds before another code may go to the same account (GoTrue's SMS max frequency). */
const RESEND_AFTER_SECONDS = 60

/** POST /otp as supabase-js sends it; fields GoTrue reads that we do not (PKCE) are ignored. */
const OtpBody = z.object({
  email: z.string().max(254).optional(),
  phone: PhoneNumber.optional(),
  create_user: z.boolean().optional(),
  channel: z.enum(['sms', 'whatsapp']).optional(),
})

/** POST /verify with a phone and its code. */
const PhoneVerifyBody = z.object({
  type: z.enum(['sms', 'phone_change']),
  phone: PhoneNumber,
  token: z.string().min(1).max(32),
})

const codeHash = (phone: string, code: string) => sha256Hex(`${phone}:${code}`)

/** A limiter's 429 with GoTrue's code for the route. */
function limited(code: AuthErrorCode, run: () => void) {
  try {
    run()
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 429) throw e
    throw new ApiError(429, code, 'Request rate limit reached. Try again later.', undefined, e.headers)
  }
}

/**
 * Counts a text to `phone` against the caller's IP ceiling (sign-ups and recoveries) and the number's
 * allowance (AUTH_RATE_LIMIT_PER_EMAIL per window, whichever account or route asks).
 */
function admitSend(c: Context, deps: AuthDeps, phone: string) {
  limited('over_sms_send_rate_limit', () => {
    deps.limits.signup.hit(`otp:${clientIp(c)}`)
    deps.limits.email.hit(`otp:${phone}`)
  })
}

/** 429 over_sms_send_rate_limit (GoTrue's words) while the last code is younger than a minute. */
function assertResendAllowed(sentAt: Date | null) {
  if (!sentAt) return
  const wait = Math.ceil(RESEND_AFTER_SECONDS - (Date.now() - sentAt.getTime()) / 1000)
  if (wait > 0) {
    throw new ApiError(
      429,
      'over_sms_send_rate_limit',
      `For security purposes, you can only request this after ${wait} seconds.`,
      undefined,
      { 'Retry-After': String(wait) },
    )
  }
}

/** Makes a code, stores its hash with the time it was sent (by kind, see the file comment), texts it. */
async function sendCode(
  tx: Db,
  deps: AuthDeps,
  user: { id: string; raw_user_meta_data: Record<string, unknown> | null },
  phone: string,
  kind: SmsKind,
) {
  const code = randomDigits(6)
  const hash = await codeHash(phone, code)
  if (kind === 'sign_in') {
    await tx`update auth.users set confirmation_token = ${hash}, confirmation_sent_at = now() where id = ${user.id}`
  } else {
    await tx`update auth.users set phone_change = ${phone}, phone_change_token = ${hash},
             phone_change_sent_at = now(), updated_at = now() where id = ${user.id}`
  }
  const minutes = Math.round(deps.env.AUTH_SMS_OTP_EXP / 60)
  await deps.sms.send(tx, phone, smsText(kind, code, minutes, emailLocale(user.raw_user_meta_data)))
}

interface PhoneUser {
  id: string
  raw_user_meta_data: Record<string, unknown> | null
  banned_until: Date | null
  confirmation_token: string | null
  confirmation_sent_at: Date | null
  phone_change_token: string | null
  phone_change_sent_at: Date | null
}

/** The account whose number (or, for a change, pending new number) is `phone`, locked for this transaction. */
async function lockUserByPhone(tx: Db, phone: string, change: boolean): Promise<PhoneUser | undefined> {
  const [row] = await tx<PhoneUser[]>`
    select id, raw_user_meta_data, banned_until, confirmation_token, confirmation_sent_at,
           phone_change_token, phone_change_sent_at
    from auth.users
    where ${change ? tx`phone_change = ${phone}` : tx`phone = ${phone}`}
      and deleted_at is null and is_sso_user = false
    order by phone_change_sent_at desc nulls last
    limit 1
    for update`
  return row
}

/**
 * Texts a sign-in code to the account with this number. Nothing happens for a number no account has
 * (or a banned one), and the answer is the same: it never tells whose number is registered.
 */
async function sendSignInCode(c: Context, deps: AuthDeps, phone: string) {
  admitSend(c, deps, phone)
  await deps.sql.begin(async (tx) => {
    const user = await lockUserByPhone(tx, phone, false)
    if (!user || isBanned(user)) return
    assertResendAllowed(user.confirmation_sent_at)
    await sendCode(tx, deps, user, phone, 'sign_in')
  })
}

/**
 * PUT /user {phone}: texts a code to the new number, which becomes the account's when verified
 * (type phone_change). 422 phone_exists when another account has it; 429 within a minute of the last.
 */
export async function requestPhoneChange(c: Context, tx: Db, deps: AuthDeps, user: UserRow, phone: string) {
  if (!deps.sms.provider) throw phoneProviderDisabled()
  if (phone === user.phone) return
  const [locked] = await tx<{ phone_change_sent_at: Date | null }[]>`
    select phone_change_sent_at from auth.users where id = ${user.id} for update`
  assertResendAllowed(locked?.phone_change_sent_at ?? null)
  admitSend(c, deps, phone)
  const [taken] = await tx`select 1 from auth.users where phone = ${phone} and id <> ${user.id}`
  if (taken) throw authError(422, 'phone_exists', 'A user with this phone number has already been registered')
  await sendCode(tx, deps, user, phone, 'phone_change')
}

/** The phone identity of the account (GoTrue's: provider `phone`, provider_id the user's id), made or updated. */
async function savePhoneIdentity(tx: Db, userId: string, phone: string) {
  const data = { sub: userId, phone, phone_verified: true, email_verified: false }
  await tx`
    insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at)
    values (${userId}, ${userId}, ${tx.json(data)}, 'phone', now(), now(), now())
    on conflict (provider_id, provider) do update
      set identity_data = auth.identities.identity_data || excluded.identity_data,
          last_sign_in_at = now(), updated_at = now()`
  await tx`
    update auth.users
    set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || jsonb_build_object('providers',
          (select jsonb_agg(distinct p) from jsonb_array_elements_text(
             coalesce(raw_app_meta_data -> 'providers', '[]'::jsonb) || '["phone"]'::jsonb) p))
    where id = ${userId}`
}

/**
 * Counts a code attempt for `phone` before the code is checked, so parallel guesses cannot overrun
 * the limit: the IP's sign-in ceiling, and AUTH_RATE_LIMIT_PER_EMAIL per number (per account: a
 * school's parents share a NAT address). A right code takes its attempt back.
 */
function admitCodeAttempt(c: Context, deps: AuthDeps, phone: string) {
  const key = `sms:${phone}`
  limited('over_request_rate_limit', () => {
    deps.limits.signin.hit(`verify:${clientIp(c)}`)
    deps.limits.email.check(key)
  })
  return { succeeded: deps.limits.email.hit(key) }
}

/**
 * POST /verify {phone, token, type: sms | phone_change}: uses the code and starts a session (amr
 * `otp`). 403 otp_expired alike for an unknown number, a wrong, used, replaced or expired code.
 */
async function verifyPhoneCode(c: Context, deps: AuthDeps): Promise<SessionJson> {
  const body = await readJson(c, PhoneVerifyBody)
  if (!deps.sms.provider) throw phoneProviderDisabled()
  const change = body.type === 'phone_change'
  const attempt = admitCodeAttempt(c, deps, body.phone)
  const hash = await codeHash(body.phone, body.token)
  const ttl = deps.env.AUTH_SMS_OTP_EXP * 1000
  const session = await deps.sql.begin(async (tx) => {
    const user = await lockUserByPhone(tx, body.phone, change)
    const expected = change ? user?.phone_change_token : user?.confirmation_token
    const sentAt = change ? user?.phone_change_sent_at : user?.confirmation_sent_at
    if (!user || !expected || !sentAt || expected !== hash || Date.now() - sentAt.getTime() > ttl) {
      throw otpExpired()
    }
    if (isBanned(user)) throw authError(403, 'user_banned', 'User is banned')
    if (change) {
      const [taken] = await tx`select 1 from auth.users where phone = ${body.phone} and id <> ${user.id}`
      if (taken)
        throw authError(422, 'phone_exists', 'A user with this phone number has already been registered')
      await tx`update auth.users
               set phone = ${body.phone}, phone_change = '', phone_change_token = '', phone_confirmed_at = now(),
                   last_sign_in_at = now(), updated_at = now()
               where id = ${user.id}`
      await auditAuth(tx, 'auth.phone_changed', user.id, user.id, {}, clientInfo(c).ip)
    } else {
      await tx`update auth.users
               set confirmation_token = '', phone_confirmed_at = coalesce(phone_confirmed_at, now()),
                   last_sign_in_at = now()
               where id = ${user.id}`
    }
    await savePhoneIdentity(tx, user.id, body.phone)
    return startSession(tx, deps.tokens, (await findUserById(tx, user.id)) as UserRow, 'otp', clientInfo(c))
  })
  attempt.succeeded()
  return session
}

/** True when a POST /verify body is a phone code (supabase-js verifyOtp with `phone`). */
export async function isPhoneVerify(c: Context): Promise<boolean> {
  try {
    const body = JSON.parse(await c.req.text()) as { type?: unknown } | null
    return body?.type === 'sms' || body?.type === 'phone_change'
  } catch {
    return false // readJson answers bad JSON
  }
}

/** POST /verify for phone codes (routes/verify.ts hands them over). */
export const verifyPhone = async (c: Context, deps: AuthDeps) => c.json(await verifyPhoneCode(c, deps))

/**
 * POST /otp: supabase-js signInWithOtp. Phone only (email codes and magic links are not served here).
 * The answer is `{}` whether or not the number belongs to an account, and `create_user` changes
 * nothing: nobody signs up by phone (parents are invited by their school).
 */
export function phoneRoutes(deps: AuthDeps): AuthApp {
  const app: AuthApp = new Hono()

  app.post('/otp', async (c) => {
    const body = await readJson(c, OtpBody)
    if (body.email !== undefined && body.phone !== undefined)
      throw authError(400, 'validation_failed', 'Only an email address or phone number should be provided')
    if (body.phone === undefined)
      throw authError(400, 'validation_failed', 'Only phone sign-in codes are available: send phone')
    if (body.channel === 'whatsapp')
      throw authError(400, 'validation_failed', "Invalid channel, supported value is 'sms'")
    if (!deps.sms.provider) throw phoneProviderDisabled()
    await sendSignInCode(c, deps, body.phone)
    return c.json({})
  })

  return app
}
