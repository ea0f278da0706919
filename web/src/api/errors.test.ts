import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { setLocale } from '../lib/i18n/i18n.ts'
import {
  ApiError,
  apiErrorFrom,
  errorMessage,
  fallbackMessage,
  issueMessage,
  loadErrorMessages,
} from './errors.ts'

afterEach(() => setLocale('en', { remember: false }))

const sw = () => setLocale('sw', { remember: false })

describe('before the messages per code have arrived', () => {
  it('says the status in the current language', () => {
    sw()
    const taken = apiErrorFrom(409, { error: { code: 'slug_taken', message: 'That address is taken.' } })
    expect(errorMessage(taken)).toBe('Hili linagongana na kitu kilichopo tayari.')
  })
})

/** An AuthApiError as supabase-js throws it (name, code, status), without importing supabase-js. */
function authError(code: string, status: number, message: string) {
  const error = new Error(message) as Error & { code: string; status: number }
  error.name = 'AuthApiError'
  error.code = code
  error.status = status
  return error
}

describe('errorMessage of a server error', () => {
  beforeAll(() => loadErrorMessages())

  const slugTaken = () =>
    apiErrorFrom(409, {
      error: {
        code: 'slug_taken',
        message: 'That address is taken. Try another one.',
        details: { field: 'slug' },
      },
    })

  it('says a known code in the current language', () => {
    expect(errorMessage(slugTaken())).toBe('That address is taken. Try another one.')
    sw()
    expect(errorMessage(slugTaken())).toBe('Anwani hiyo imeshachukuliwa. Jaribu nyingine.')
  })

  it('fills the message from details: text, numbers with plurals, moments as local dates', () => {
    const invited = apiErrorFrom(409, {
      error: { code: 'already_invited', message: 'x', details: { field: 'email', email: 'juma@shule.ke' } },
    })
    sw()
    expect(errorMessage(invited)).toBe(
      'juma@shule.ke tayari amealikwa. Futa mwaliko huo kwanza ili utume mpya.',
    )
    const limited = apiErrorFrom(429, {
      error: { code: 'rate_limited', message: 'x', details: { retry_after: 30 } },
    })
    expect(errorMessage(limited)).toBe('Maombi ni mengi mno. Jaribu tena baada ya sekunde 30.')
    setLocale('en', { remember: false })
    expect(errorMessage(limited)).toBe('Too many requests. Try again in 30 seconds.')
    const early = apiErrorFrom(403, {
      error: {
        code: 'too_early',
        message: 'x',
        details: { opens_at: '2026-12-05T13:50:00.000Z', minutes: 10 },
      },
    })
    expect(errorMessage(early)).toMatch(/^The room opens at .*2026.*, 10 minutes before the start\.$/)
  })

  it("adds a person's own reason as written", () => {
    const removed = apiErrorFrom(403, {
      error: { code: 'removed', message: 'x', details: { reason: 'Tafadhali jiunge ukiwa mahali patulivu' } },
    })
    sw()
    expect(errorMessage(removed)).toBe(
      'Mkufunzi amekuondoa katika kipindi hiki. Sababu: Tafadhali jiunge ukiwa mahali patulivu',
    )
    const noReason = apiErrorFrom(403, { error: { code: 'removed', message: 'x', details: { reason: '' } } })
    expect(errorMessage(noReason)).toBe('Mkufunzi amekuondoa katika kipindi hiki.')
  })

  it('falls back per status when a value the message needs is missing', () => {
    const bare = apiErrorFrom(409, { error: { code: 'already_member', message: 'Someone is a member.' } })
    sw()
    expect(errorMessage(bare)).toBe('Hili linagongana na kitu kilichopo tayari.')
  })

  it("keeps the server's English for an unknown code only in English; else the status's message", () => {
    const novel = apiErrorFrom(410, {
      error: { code: 'brand_new_rule', message: 'A rule from a newer server.' },
    })
    expect(errorMessage(novel)).toBe('A rule from a newer server.')
    sw()
    expect(errorMessage(novel)).toBe('Hili halipatikani tena.')
    expect(errorMessage(apiErrorFrom(418, { error: { code: 'teapot', message: 'I am a teapot' } }))).toBe(
      'Ombi halikufaulu (418).',
    )
    expect(errorMessage(apiErrorFrom(503, '<html>down</html>'))).toBe(
      'Hitilafu imetokea upande wetu. Tafadhali jaribu tena.',
    )
  })

  it('says a network failure in the current language', () => {
    sw()
    expect(errorMessage(apiErrorFrom(0, undefined))).toMatch(/^Haiwezekani kufikia Kipindi/)
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/^Haiwezekani kufikia Kipindi/)
    expect(fallbackMessage(404)).toBe('Haikupatikana.')
  })

  it("keeps an app's own error as it is", () => {
    sw()
    expect(
      errorMessage(new ApiError({ status: 404, code: 'not_found', message: 'Hakuna shule hapa.' })),
    ).toBe('Hakuna shule hapa.')
    expect(errorMessage(new Error('Imeshindikana'))).toBe('Imeshindikana')
    expect(errorMessage(undefined)).toBe('Hitilafu imetokea. Tafadhali jaribu tena.')
  })
})

describe('errorMessage of a Supabase AuthError', () => {
  beforeAll(() => loadErrorMessages())

  it('translates GoTrue codes', () => {
    const wrong = authError('invalid_credentials', 400, 'Invalid login credentials')
    expect(errorMessage(wrong)).toBe('Wrong email or password.')
    sw()
    expect(errorMessage(wrong)).toBe('Barua pepe au nenosiri si sahihi.')
    expect(errorMessage(authError('email_not_confirmed', 400, 'Email not confirmed'))).toMatch(
      /^Thibitisha anwani/,
    )
    expect(errorMessage(authError('over_request_rate_limit', 429, 'x'))).toMatch(/^Majaribio ni mengi mno/)
    expect(errorMessage(authError('weak_password', 422, 'x'))).toMatch(/^Nenosiri ni dhaifu/)
    expect(errorMessage(authError('user_already_exists', 422, 'x'))).toMatch(/^Tayari kuna akaunti/)
  })

  it('keeps the English message of an unknown auth code in English only', () => {
    const odd = authError('mfa_phone_enroll_not_enabled', 404, 'Factor not found')
    expect(errorMessage(odd)).toBe('Factor not found')
    sw()
    expect(errorMessage(odd)).toBe('Haikupatikana.')
  })
})

describe('field issues', () => {
  beforeAll(() => loadErrorMessages())

  const failed = () =>
    apiErrorFrom(400, {
      error: {
        code: 'validation_failed',
        message: 'name: Too small: expected string to have >=2 characters',
        details: {
          issues: [
            {
              path: 'name',
              message: 'Too small',
              code: 'too_small',
              params: { minimum: 2, origin: 'string', inclusive: true },
            },
            {
              path: 'email',
              message: 'Invalid email address',
              code: 'invalid_format',
              params: { format: 'email' },
            },
            { path: 'to', message: 'Before `from`.', code: 'period_reversed' },
            {
              path: 'title',
              message: 'Required',
              code: 'too_small',
              params: { minimum: 1, origin: 'string' },
            },
          ],
        },
      },
    })

  it('are translated by issue code with their values', () => {
    expect(failed().fieldErrors()).toEqual({
      name: 'At least 2 characters.',
      email: 'Enter a valid email address.',
      to: 'The period starts after it ends.',
      title: 'Required.',
    })
    sw()
    expect(failed().fieldErrors()).toEqual({
      name: 'Angalau herufi 2.',
      email: 'Weka anwani sahihi ya barua pepe.',
      to: 'Muda unaanza baada ya kuisha.',
      title: 'Inahitajika.',
    })
    expect(errorMessage(failed())).toBe('name: Angalau herufi 2.')
  })

  it("a 409 naming its field gets the code's message next to the field", () => {
    const taken = apiErrorFrom(409, {
      error: { code: 'slug_taken', message: 'x', details: { field: 'slug' } },
    })
    sw()
    expect(taken.fieldErrors()).toEqual({ slug: 'Anwani hiyo imeshachukuliwa. Jaribu nyingine.' })
  })

  it("translate a form's own zod issues the same way", () => {
    const result = z
      .object({ title: z.string().max(3), url: z.url() })
      .safeParse({ title: 'Hisabati', url: 'x' })
    if (result.success) throw new Error('expected a failure')
    sw()
    expect(result.error.issues.map(issueMessage)).toEqual([
      'Zisizidi herufi 3.',
      'Weka anwani kamili ya tovuti (https://…).',
    ])
  })

  it("keep a schema's own English sentence for English readers, the code's message otherwise", () => {
    const issue = { message: 'Enter a subject.', code: 'too_small', params: { minimum: 1, origin: 'string' } }
    expect(issueMessage(issue)).toBe('Enter a subject.')
    sw()
    expect(issueMessage(issue)).toBe('Inahitajika.')
  })

  it('keep an unknown issue in English for English readers, generic otherwise', () => {
    const issue = { message: 'Pick a weekday', code: 'custom' }
    expect(issueMessage(issue)).toBe('Pick a weekday')
    sw()
    expect(issueMessage(issue)).toBe('Thamani si sahihi.')
    expect(
      issueMessage({ message: 'Password needs: a digit.', code: 'custom', params: { rule: 'digit' } }),
    ).toBe('Nenosiri linahitaji tarakimu.')
  })
})
