import { ISSUE_CODES } from '../../../edge/contract/error-codes.ts'
import type { FieldErrors } from '../lib/forms.ts'
import { type Catalogue, defineMessages, formatMessage, placeholders } from '../lib/i18n/catalogue.ts'
import { intlLocale, locale, translator } from '../lib/i18n/i18n.ts'
import { dateTimeFormat } from '../lib/intl-cache.ts'
import type { MessageKey } from './messages.ts'

// Failed calls and what to tell the person. The server sends a stable code, an English message and
// the values the message needs (`details`); the app says it in the current language from its own
// catalogue (messages.ts). The server's English is shown only to English readers, and only when the
// code is one this version of the app does not know. No zod here: this module is on the first
// screen, so error bodies are checked by hand.

/** What to say per status (and when nothing is known): small, so it ships with the first screen. */
const fallbacks = defineMessages({
  en: {
    'status.0': "Can't reach Kipindi. Check your connection and try again.",
    'status.400': 'The request was not valid.',
    'status.401': 'Your session has ended. Sign in again.',
    'status.403': 'You do not have access to this.',
    'status.404': 'Not found.',
    'status.409': 'That conflicts with something that already exists.',
    'status.410': 'This is no longer available.',
    'status.413': 'That is too large to send.',
    'status.422': 'That cannot be done.',
    'status.429': 'Too many requests. Wait a moment and try again.',
    'status.500': 'Something went wrong on our side. Please try again.',
    'status.other': 'Request failed ({status}).',
    unknown: 'Something went wrong. Please try again.',
    invalid: 'Not a valid value.',
    response_invalid:
      'The server answered in a way this version of the app does not understand. Reload to update.',
  },
  sw: {
    'status.0': 'Haiwezekani kufikia Kipindi. Angalia muunganisho wako kisha ujaribu tena.',
    'status.400': 'Ombi si sahihi.',
    'status.401': 'Muda wa kuingia kwako umekwisha. Ingia tena.',
    'status.403': 'Huna ruhusa ya kufikia hili.',
    'status.404': 'Haikupatikana.',
    'status.409': 'Hili linagongana na kitu kilichopo tayari.',
    'status.410': 'Hili halipatikani tena.',
    'status.413': 'Hiki ni kikubwa mno kutumwa.',
    'status.422': 'Hili haliwezi kufanyika.',
    'status.429': 'Maombi ni mengi mno. Subiri kidogo kisha ujaribu tena.',
    'status.500': 'Hitilafu imetokea upande wetu. Tafadhali jaribu tena.',
    'status.other': 'Ombi halikufaulu ({status}).',
    unknown: 'Hitilafu imetokea. Tafadhali jaribu tena.',
    invalid: 'Thamani si sahihi.',
    response_invalid:
      'Seva imejibu kwa namna ambayo toleo hili la programu halielewi. Pakia upya ili kusasisha.',
  },
})
const t = translator(fallbacks)

let codes: Catalogue<MessageKey> | undefined
let loading: Promise<void> | undefined

/**
 * Loads the messages per code (api/messages.ts, its own chunk). Started once the page has loaded and
 * on the first failure; until it arrives, errors are said by status, still in the current language.
 */
export function loadErrorMessages(): Promise<void> {
  loading ??= import('./messages.ts').then(
    (module) => {
      codes = module.messages
    },
    () => {
      loading = undefined // offline before it was cached: the next failure tries again
    },
  )
  return loading
}

if (typeof window !== 'undefined') {
  if (document.readyState === 'complete') void loadErrorMessages()
  else window.addEventListener('load', () => void loadErrorMessages(), { once: true })
}

type Params = Record<string, unknown>

/** One field problem from a 400 (`details.issues`) or a 409 naming its field (`details.field`). */
export interface FieldIssue {
  path: string
  message: string
  /** zod's issue code (too_small, invalid_format…) or one of our rules' codes. */
  code?: string
  /** The values its message needs (minimum, maximum, format…). */
  params?: Params
}

/** A failed API call, carrying what the server said (DESIGN §4 error shape). */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly details: unknown
  readonly issues: FieldIssue[]
  /** True when the code and details came from the server (then the app says it in its own words). */
  readonly fromServer: boolean

  constructor(init: {
    status: number
    code: string
    message: string
    details?: unknown
    issues?: FieldIssue[]
    fromServer?: boolean
  }) {
    super(init.message)
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code
    this.details = init.details
    this.issues = init.issues ?? []
    this.fromServer = init.fromServer ?? false
  }

  /** The issues by field path, in the current language, for showing each next to its input. */
  fieldErrors(): FieldErrors {
    const errors: FieldErrors = {}
    for (const issue of this.issues) if (!(issue.path in errors)) errors[issue.path] = issueMessage(issue)
    return errors
  }
}

const isRecord = (value: unknown): value is Params =>
  !!value && typeof value === 'object' && !Array.isArray(value)

const hasKey = (key: string): key is MessageKey => !!codes && key in codes.en

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/

/** A detail as a message shows it: numbers and strings as they are, ISO moments as local date and time. */
function paramValue(value: unknown): string | number | undefined {
  if (typeof value === 'number') return value
  if (typeof value === 'bigint') return Number(value)
  if (typeof value !== 'string') return undefined
  if (!ISO_MOMENT.test(value)) return value
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) return value
  return dateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(at)
}

/** The message of `key` filled from `values`, or undefined when a value it names is missing. */
function filled(key: MessageKey, values: Params): string | undefined {
  const params: Record<string, string | number> = {}
  for (const [name, value] of Object.entries(values)) {
    const shown = paramValue(value)
    if (shown !== undefined) params[name] = shown
  }
  if (params.count === undefined && typeof params.retry_after === 'number') params.count = params.retry_after
  if (!codes) return undefined
  const message = codes[locale()][key] ?? codes.en[key]
  if (!placeholders(message).every((name) => name in params)) return undefined
  return formatMessage(message, params, locale())
}

/**
 * Codes that say only the kind of failure (a database rule without a code of its own, an unmapped
 * constraint): the server's sentence is more exact, so English readers get it; others the translation.
 */
const GENERIC_CODES = new Set([
  'bad_request',
  'forbidden',
  'not_found',
  'conflict',
  'unprocessable',
  'rule_violated',
  'http_error',
])

/** The catalogue key of a server code, unless English readers are better served by the server's words. */
function codeKey(code: string): MessageKey | undefined {
  const key = `code.${code}`
  if (!hasKey(key) || (GENERIC_CODES.has(code) && locale() === 'en')) return undefined
  return key
}

/** The message to show for a status when the code is unknown (or the server sent none). */
export function fallbackMessage(status: number): string {
  const key = `status.${status}`
  if (key in fallbacks.en) return t(key as keyof typeof fallbacks.en)
  return status >= 500 ? t('status.500') : t('status.other', { status: String(status) })
}

/** The catalogue key of a field issue: zod's code refined by its values, else our rule's own code. */
function issueKey(code: string | undefined, p: Params): string | undefined {
  if (!code) return undefined
  // A custom issue says only "some check failed": its own text is the message, unless it names a rule.
  if (code === 'custom') return typeof p.rule === 'string' ? `issue.password.${p.rule}` : undefined
  if (code === 'too_small' || code === 'too_big') {
    const origin =
      p.origin === 'set' ? 'array' : p.origin === 'int' || p.origin === 'bigint' ? 'number' : p.origin
    if (code === 'too_small' && origin === 'string' && Number(p.minimum) === 1) return 'issue.required'
    if (origin === 'number' && p.inclusive === false) return `issue.${code}.number_exclusive`
    return `issue.${code}.${String(origin)}`
  }
  if (code === 'invalid_format') return `issue.invalid_format.${String(p.format)}`
  return hasKey(`issue.${code}`) ? `issue.${code}` : codeKey(code)
}

/** zod's own English messages ("Too small: expected string to have >=2 characters"), not a schema's. */
const ZOD_DEFAULT_MESSAGE = /^(Too small|Too big|Invalid|Unrecognized key|Expected|Required$)/

/**
 * A contract schema's own English sentence for a zod check ("Enter a subject."): for English readers
 * it says more than the generic message of its code. Issues with our own codes use the catalogue.
 */
const isSchemaSentence = (issue: { message: string; code?: string }) =>
  (!issue.code || (ISSUE_CODES as readonly string[]).includes(issue.code)) &&
  issue.message.trim() !== '' &&
  !ZOD_DEFAULT_MESSAGE.test(issue.message)

/**
 * A field issue in the current language: by its code and values (a server issue, or a zod issue of a
 * form's own check), else its own English text for English readers, else a generic "not valid".
 */
export function issueMessage(issue: { message: string; code?: string; params?: unknown }): string {
  if (locale() === 'en' && isSchemaSentence(issue)) return issue.message
  const p: Params = { ...(issue as Params), ...(isRecord(issue.params) ? issue.params : {}) }
  const key = issueKey(issue.code, p)
  const count = p.minimum ?? p.maximum
  const values = typeof count === 'number' || typeof count === 'bigint' ? { ...p, count } : p
  const exact = key && hasKey(key) ? filled(key, values) : undefined
  if (exact) return exact
  const general =
    issue.code && hasKey(`issue.${issue.code}`)
      ? filled(`issue.${issue.code}` as MessageKey, values)
      : undefined
  if (locale() === 'en' && issue.message.trim()) return issue.message
  return general ?? t('invalid')
}

function issuesFrom(details: unknown): FieldIssue[] {
  if (!isRecord(details) || !Array.isArray(details.issues)) return []
  const issues: FieldIssue[] = []
  for (const i of details.issues) {
    if (!isRecord(i) || typeof i.message !== 'string') continue
    const path = Array.isArray(i.path) ? i.path.join('.') : typeof i.path === 'string' ? i.path : ''
    issues.push({
      path: path || '(body)',
      message: i.message,
      code: typeof i.code === 'string' ? i.code : undefined,
      params: isRecord(i.params) ? i.params : undefined,
    })
  }
  return issues
}

/** The `error` of a DESIGN §4 body, checked by hand (zod stays off the first screen). */
function errorOf(body: unknown): { code: string; message: string; details?: unknown } | undefined {
  if (!isRecord(body) || !isRecord(body.error)) return undefined
  const { code, message, details } = body.error
  if (typeof code !== 'string' || typeof message !== 'string') return undefined
  return { code, message, details }
}

/** An ApiError from a failed response's status and (parsed JSON, or text, or nothing) body. */
export function apiErrorFrom(status: number, body: unknown): ApiError {
  void loadErrorMessages()
  const error = errorOf(body)
  if (!error) {
    return new ApiError({
      status,
      code: status === 0 ? 'network' : `http_${status}`,
      message: fallbackMessage(status),
    })
  }
  const { code, message, details } = error
  const issues = issuesFrom(details)
  const field = isRecord(details) ? details.field : undefined
  if (typeof field === 'string' && !issues.some((i) => i.path === field)) {
    issues.push({ path: field, message: message || fallbackMessage(status), code, params: details as Params })
  }
  return new ApiError({
    status,
    code,
    message: message.trim() || fallbackMessage(status),
    details,
    issues,
    fromServer: true,
  })
}

/** What the server (or Supabase Auth) said, by code, in the current language; undefined when unknown. */
function translated(code: string, details: unknown, issues: FieldIssue[]): string | undefined {
  if (code === 'validation_failed' && issues[0]) return `${issues[0].path}: ${issueMessage(issues[0])}`
  const key = codeKey(code)
  const values = isRecord(details) ? details : {}
  const text = key ? filled(key, values) : undefined
  // A person's own words (a tutor's reason for removing someone) are added as they were written.
  if (text && typeof values.reason === 'string' && values.reason.trim()) {
    return `${text} ${filled('detail.reason', values)}`
  }
  return text
}

/** A server's answer said in the current language (see the module comment for the order). */
function serverMessage(
  code: string,
  status: number | undefined,
  message: string,
  details?: unknown,
  issues: FieldIssue[] = [],
) {
  const known = translated(code, details, issues)
  if (known) return known
  if (locale() === 'en' && message.trim()) return message
  return status === undefined ? t('unknown') : fallbackMessage(status)
}

interface AuthLike {
  code: string
  status?: number
  message: string
}

/** A Supabase AuthError (AuthApiError, AuthWeakPasswordError…): its `code` is GoTrue's error code. */
function authErrorOf(error: unknown): AuthLike | undefined {
  if (!(error instanceof Error) || !/^Auth/.test(error.name)) return undefined
  const { code, status } = error as Error & { code?: unknown; status?: unknown }
  if (typeof code !== 'string') return undefined
  return { code, status: typeof status === 'number' ? status : undefined, message: error.message }
}

/**
 * A readable sentence for anything thrown, in the current language: an API error or a Supabase
 * AuthError by its code, a network failure explained, an Error's own message — never "undefined"
 * or "[object Object]".
 */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.fromServer)
      return serverMessage(error.code, error.status, error.message, error.details, error.issues)
    if (error.code === 'unexpected_response' && locale() !== 'en') return t('response_invalid')
    if (error.code === 'network' || error.code.startsWith('http_')) return fallbackMessage(error.status)
    return error.message
  }
  const auth = authErrorOf(error)
  if (auth) return serverMessage(auth.code, auth.status, auth.message)
  if (error instanceof TypeError && /fetch|network/i.test(error.message)) return fallbackMessage(0)
  if (error instanceof Error && error.message.trim()) return error.message
  if (typeof error === 'string' && error.trim()) return error
  if (isRecord(error) && typeof error.message === 'string' && error.message) return error.message
  return t('unknown')
}

/** The HTTP status of an error when it has one (ApiError, Supabase AuthApiError), else undefined. */
export function errorStatus(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.status
  const s = (error as { status?: unknown } | null)?.status
  return typeof s === 'number' ? s : undefined
}
