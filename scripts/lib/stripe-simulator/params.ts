// Reading what the SDK sends: Stripe's form bodies in bracket notation (`a[b][0]=x`), each
// parameter checked as Stripe checks it, and refusals in Stripe's error shape naming the parameter
// the way Stripe does (`line_items[0][quantity]`).
import { INTERVALS, type Json, type Metadata, type SimLineItem } from './model.ts'

// ---------------------------------------------------------------------------------------------
// Section: Stripe's errors

/** A refusal in Stripe's error shape, with the status Stripe answers it with. */
export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code?: string,
    readonly param?: string,
    readonly type = 'invalid_request_error',
  ) {
    super(message)
  }

  body(): Json {
    const doc = this.code
      ? `https://stripe.com/docs/error-codes/${this.code.replaceAll('_', '-')}`
      : undefined
    return {
      error: { type: this.type, code: this.code, doc_url: doc, message: this.message, param: this.param },
    }
  }
}

export const invalid = (message: string, param?: string, code = 'parameter_invalid') =>
  new StripeApiError(400, message, code, param)
export const noSuch = (kind: string, id: string, param: string, status = 400) =>
  new StripeApiError(status, `No such ${kind}: '${id}'`, 'resource_missing', param)

// ---------------------------------------------------------------------------------------------
// Section: form bodies (Stripe's bracket notation) and reading parameters

/** A parsed body: `a[b][0]=x` → { a: { b: { 0: 'x' } } } (null-prototype objects). */
export interface Params {
  [key: string]: string | Params
}

const MAX_PAIRS = 1000
const MAX_DEPTH = 6
const KEY = /^([^[\]]+)((?:\[[^[\]]*\])*)$/
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

function decodeFormPart(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '))
  } catch {
    throw invalid('Invalid request: the body is not valid application/x-www-form-urlencoded.')
  }
}

function keyPath(key: string): string[] {
  const m = KEY.exec(key)
  const path = m
    ? [m[1] as string, ...[...(m[2] as string).matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1] as string)]
    : []
  if (!m || path.length > MAX_DEPTH || path.some((p) => FORBIDDEN_KEYS.has(p))) {
    throw invalid(`Invalid parameter name: ${key.slice(0, 100)}`)
  }
  return path
}

function setParam(root: Params, path: string[], value: string, key: string): void {
  let node = root
  for (const [i, raw] of path.entries()) {
    // `a[]=x` appends, as qs reads it.
    const seg = raw === '' ? String(Object.keys(node).length) : raw
    const existing = node[seg]
    if (i === path.length - 1) {
      if (typeof existing === 'object')
        throw invalid(`Invalid parameter: ${key.slice(0, 100)} is both a hash and a value.`)
      node[seg] = value
      return
    }
    if (typeof existing === 'string')
      throw invalid(`Invalid parameter: ${key.slice(0, 100)} is both a hash and a value.`)
    const next: Params = existing ?? Object.create(null)
    node[seg] = next
    node = next
  }
}

/** A form body as Stripe reads it; malformed names and values are Stripe's 400s. */
export function parseForm(raw: string): Params {
  const root: Params = Object.create(null)
  const pairs = raw.split('&').filter((p) => p !== '')
  if (pairs.length > MAX_PAIRS) throw invalid(`Too many parameters (at most ${MAX_PAIRS}).`)
  for (const pair of pairs) {
    const eq = pair.indexOf('=')
    const key = decodeFormPart(eq < 0 ? pair : pair.slice(0, eq))
    setParam(root, keyPath(key), eq < 0 ? '' : decodeFormPart(pair.slice(eq + 1)), key)
  }
  return root
}

const isHttpUrl = (s: string) => {
  if (/[\p{Cc}\s]/u.test(s)) return false
  try {
    return ['http:', 'https:'].includes(new URL(s).protocol)
  } catch {
    return false
  }
}

/** Stripe's largest amount (8 digits). */
export const MAX_AMOUNT = 99_999_999

/**
 * Reads one hash of parameters as Stripe does — '' means unset — and names each parameter in its
 * errors the way Stripe does (`line_items[0][quantity]`).
 */
export class Reader {
  constructor(
    private readonly p: Params,
    private readonly prefix = '',
  ) {}

  name(key: string): string {
    return this.prefix ? `${this.prefix}[${key}]` : key
  }

  /** `value`, or Stripe's parameter_missing for `key`. */
  need<T>(value: T | undefined, key: string): T {
    if (value !== undefined) return value
    throw new StripeApiError(
      400,
      `Missing required param: ${this.name(key)}.`,
      'parameter_missing',
      this.name(key),
    )
  }

  str(key: string, max = 5000): string | undefined {
    const v = this.p[key]
    if (v === undefined || v === '') return undefined
    if (typeof v !== 'string')
      throw invalid(`Invalid string: ${this.name(key)} must be a string.`, this.name(key))
    if (v.length > max)
      throw invalid(`Invalid string: ${this.name(key)} is over ${max} characters.`, this.name(key))
    return v
  }

  int(key: string, min: number, max: number): number | undefined {
    const s = this.str(key, 20)
    if (s === undefined) return undefined
    const n = /^-?\d+$/.test(s) ? Number(s) : Number.NaN
    if (Number.isSafeInteger(n) && n >= min && n <= max) return n
    const message = `Invalid integer: ${this.name(key)} must be an integer from ${min} to ${max}.`
    throw invalid(message, this.name(key), 'parameter_invalid_integer')
  }

  bool(key: string): boolean | undefined {
    const s = this.str(key, 10)
    if (s !== undefined && s !== 'true' && s !== 'false')
      throw invalid(`Invalid boolean: ${s}`, this.name(key))
    return s === undefined ? undefined : s === 'true'
  }

  oneOf<T extends string>(key: string, values: readonly T[]): T | undefined {
    const s = this.str(key, 100)
    if (s === undefined || (values as readonly string[]).includes(s)) return s as T | undefined
    throw invalid(`Invalid ${this.name(key)}: must be one of ${values.join(', ')}`, this.name(key))
  }

  hash(key: string): Reader | undefined {
    const v = this.p[key]
    if (v === undefined || v === '') return undefined
    if (typeof v === 'string')
      throw invalid(`Invalid hash: ${this.name(key)} must be a hash.`, this.name(key))
    return new Reader(v, this.name(key))
  }

  /** An array of strings (`types[]=a&types[]=b` or `types[0]=a`), in index order. */
  strings(key: string): string[] {
    const v = this.p[key]
    if (v === undefined || v === '') return []
    if (typeof v === 'string') return [v]
    const indexes = Object.keys(v)
    if (indexes.some((k) => !/^\d+$/.test(k) || typeof v[k] !== 'string'))
      throw invalid(`Invalid array: ${this.name(key)}`, this.name(key))
    return indexes.sort((x, y) => Number(x) - Number(y)).map((i) => v[i] as string)
  }

  /** An array (`line_items[0]…`), in index order. */
  list(key: string): Reader[] {
    const h = this.hash(key)
    if (!h) return []
    const indexes = Object.keys(h.p)
    if (indexes.some((k) => !/^\d+$/.test(k)))
      throw invalid(`Invalid array: ${this.name(key)}`, this.name(key))
    return indexes.sort((x, y) => Number(x) - Number(y)).map((i) => h.need(h.hash(i), i))
  }

  /** `metadata[…]` merged into `current`: '' removes a key, `metadata=` clears them all (Stripe's rules). */
  metadata(current: Metadata = {}): Metadata {
    if (this.p.metadata === '') return {}
    const m = this.hash('metadata')
    const out: Metadata = { ...current }
    for (const k of m ? Object.keys(m.p) : []) {
      const v = m?.str(k, 500)
      if (v === undefined) delete out[k]
      else out[k] = v
    }
    if (Object.keys(out).length > 50)
      throw invalid('Metadata can have at most 50 keys.', this.name('metadata'))
    const long = Object.keys(out).find((k) => k.length > 40)
    if (long) throw invalid(`Metadata keys can be at most 40 characters: ${long}`, this.name('metadata'))
    return out
  }

  url(key: string): string | null {
    const s = this.str(key)
    if (s !== undefined && !isHttpUrl(s)) throw invalid('Not a valid URL', this.name(key), 'url_invalid')
    return s ?? null
  }

  email(key: string): string | null {
    const s = this.str(key, 512)
    if (s !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s)) {
      throw invalid(`Invalid email address: ${s}`, this.name(key), 'email_invalid')
    }
    return s ?? null
  }

  /** A currency, lowercased as Stripe keeps it. */
  currency(): string {
    const c = this.need(this.str('currency', 10), 'currency').toLowerCase()
    if (!/^[a-z]{3}$/.test(c)) throw invalid(`Invalid currency: ${c}`, this.name('currency'))
    return c
  }

  /** `…[unit_amount]` and `…[recurring]` of a price_data hash. */
  unitAmount(): number {
    return this.need(this.int('unit_amount', 0, MAX_AMOUNT), 'unit_amount')
  }

  recurring(): SimLineItem['recurring'] {
    const r = this.hash('recurring')
    if (!r) return null
    return {
      interval: r.need(r.oneOf('interval', INTERVALS), 'interval'),
      intervalCount: r.int('interval_count', 1, 365) ?? 1,
    }
  }
}
