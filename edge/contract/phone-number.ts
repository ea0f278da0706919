// Phone numbers for signing in by SMS: what a parent types (0712 345 678, +254 712 345 678, …) made
// into E.164. Stored as GoTrue stores them in auth.users.phone: the digits without the plus
// (254712345678); shown and texted with it. Shared by local auth and the web's phone forms.
import { z } from 'zod'

/**
 * The number in E.164 digits without the plus, or null. Kenyan numbers may be written nationally
 * (07XXXXXXXX, 01XXXXXXXX, or the 9 digits alone) or with the country code (+254…, 254…, 00254…,
 * even +2540…); any other country needs its code (+ or 00 first, or just the digits), 8 to 15 digits.
 * Spaces, dashes, dots and brackets are ignored.
 */
export function normalizePhone(input: string): string | null {
  const kenyan = normalizeKenyanPhone(input)
  if (kenyan || typeof input !== 'string' || input.length > 40) return kenyan
  const international = /^(?:\+|00)?([1-9]\d{7,14})$/.exec(compact(input))
  return international ? international[1] : null
}

/**
 * A Kenyan mobile number as Daraja and SMS providers want it (2547XXXXXXXX or 2541XXXXXXXX), or
 * null. The 01… range is the newer one; operators are not filtered (numbers move between them):
 * Daraja refuses a number without M-Pesa.
 */
export function normalizeKenyanPhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > 40) return null
  const kenyan = /^(?:(?:\+|00)?2540?|0)?([17]\d{8})$/.exec(compact(input))
  return kenyan ? `254${kenyan[1]}` : null
}

const compact = (input: string) => input.trim().replace(/[\s\-.()]/g, '')

/** A stored number (E.164 digits) as people read it: +254 712 345 678, or +<digits> elsewhere. */
export function formatPhone(digits: string): string {
  const kenyan = /^254(\d{3})(\d{3})(\d{3})$/.exec(digits)
  return kenyan ? `+254 ${kenyan[1]} ${kenyan[2]} ${kenyan[3]}` : `+${digits}`
}

/** The number as an SMS provider wants it: E.164 with the plus (+254712345678). */
export const e164 = (digits: string) => `+${digits}`

/** A phone number field: any way `normalizePhone` reads, parsed to E.164 digits (GoTrue's message otherwise). */
export const PhoneNumber = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const phone = normalizePhone(value)
    if (phone) return phone
    ctx.addIssue({ code: 'custom', message: 'Invalid phone number format (E.164 required)' })
    return z.NEVER
  })
