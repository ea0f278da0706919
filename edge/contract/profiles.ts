// Profiles beyond name and picture (issue 17): contacts, location, bio, time zone, and a teacher's
// headline, qualifications and experience, each field shown to the whole school or to its staff
// only. Bodies and answers of the api function's endpoints; the database has the same rules
// (supabase/migrations/20261208070000_profile_details.sql).
import { z } from 'zod'
import { e164, normalizePhone } from './phone-number.ts'
import { TenantRole } from './tenancy.ts'

/** The fields that carry a visibility of their own, in the order forms show them. */
export const PROFILE_FIELDS = [
  'phone',
  'contacts',
  'county',
  'city',
  'country',
  'bio',
  'time_zone',
  'language',
  'headline',
  'qualifications',
  'experience',
] as const
export type ProfileField = (typeof PROFILE_FIELDS)[number]

/** 'school': every member of the person's schools; 'staff': owners, admins, instructors and staff. */
export const VISIBILITIES = ['school', 'staff'] as const
export const Visibility = z.enum(VISIBILITIES, 'Choose school or staff.')
export type Visibility = z.infer<typeof Visibility>

/** Where a field is shown when the person never chose (the database's private.profile_visibility). */
export const DEFAULT_VISIBILITY: Record<ProfileField, Visibility> = {
  phone: 'staff',
  contacts: 'staff',
  county: 'staff',
  city: 'staff',
  country: 'school',
  bio: 'school',
  time_zone: 'school',
  language: 'school',
  headline: 'school',
  qualifications: 'school',
  experience: 'school',
}

export const PROFILE_LIMITS = {
  place: 80,
  bio: 1000,
  headline: 120,
  contacts: 5,
  contactValue: 200,
  entries: 20,
  entryTitle: 120,
  entryText: 500,
} as const

export const CONTACT_KINDS = ['whatsapp', 'telegram', 'email', 'website', 'other'] as const
export type ContactKind = (typeof CONTACT_KINDS)[number]

const max = (n: number) => `Use at most ${n} characters.`

/** Optional text: trimmed, blank means none. */
const optionalText = (limit: number) =>
  z
    .string()
    .trim()
    .max(limit, max(limit))
    .transform((v) => (v === '' ? null : v))
    .nullable()

/** A contact phone as E.164 with the plus (+254712345678), read the way sign-in numbers are (phone-number.ts). */
export const Phone = z
  .string()
  .max(40, 'Use a phone number such as 0712 345 678 or +254 712 345 678.')
  .transform((value, ctx) => {
    const digits = normalizePhone(value)
    if (digits) return e164(digits)
    ctx.addIssue({ code: 'custom', message: 'Use a phone number such as 0712 345 678 or +254 712 345 678.' })
    return z.NEVER
  })

/** True for an IANA time zone name as written in the database (Africa/Nairobi, UTC). */
export function isTimeZone(value: string): boolean {
  if (!/^(?:UTC|[A-Z][A-Za-z_-]*(?:\/[A-Za-z0-9_+-]+)+)$/.test(value)) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}

/** True for an ISO 3166-1 alpha-2 region code (KE, TZ). */
export function isCountryCode(value: string): boolean {
  if (!/^[A-Z]{2}$/.test(value)) return false
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(value) !== undefined
  } catch {
    return false
  }
}

export const TimeZone = z.string().refine(isTimeZone, 'Choose a time zone such as Africa/Nairobi.')
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isCountryCode, 'Use a two-letter country code such as KE.')

const Year = z
  .number('Use a year.')
  .int('Use a year.')
  .min(1950, 'Use a year from 1950.')
  .max(2100, 'Use a year up to 2100.')

export const Contact = z.strictObject({
  kind: z.enum(CONTACT_KINDS, 'Choose a kind of contact.'),
  value: z.string().trim().min(1, 'Fill in the contact.').max(PROFILE_LIMITS.contactValue, max(200)),
})
export type Contact = z.infer<typeof Contact>

export const Qualification = z.strictObject({
  title: z.string().trim().min(1, 'Name the qualification.').max(PROFILE_LIMITS.entryTitle, max(120)),
  institution: optionalText(PROFILE_LIMITS.entryTitle).optional(),
  year: Year.nullable().optional(),
})
export type Qualification = z.infer<typeof Qualification>

export const Experience = z
  .strictObject({
    role: z.string().trim().min(1, 'Name the role.').max(PROFILE_LIMITS.entryTitle, max(120)),
    organisation: optionalText(PROFILE_LIMITS.entryTitle).optional(),
    start_year: Year.nullable().optional(),
    /** null or absent: to this day. */
    end_year: Year.nullable().optional(),
    description: optionalText(PROFILE_LIMITS.entryText).optional(),
  })
  .refine((e) => e.start_year == null || e.end_year == null || e.end_year >= e.start_year, {
    message: 'The end year comes after the start year.',
    path: ['end_year'],
  })
export type Experience = z.infer<typeof Experience>

/** A visibility per field; a field left out keeps what it was. */
export const VisibilityChoices = z.strictObject(
  Object.fromEntries(PROFILE_FIELDS.map((f) => [f, Visibility.optional()])) as {
    [K in ProfileField]: z.ZodOptional<typeof Visibility>
  },
)
export type VisibilityChoices = z.infer<typeof VisibilityChoices>

/** `PATCH /me/profile`: the fields to change (null clears one); the others stay as they are. */
export const UpdateProfileBody = z
  .strictObject({
    phone: Phone.nullable().optional(),
    contacts: z.array(Contact).max(PROFILE_LIMITS.contacts, 'Add at most 5 contacts.').optional(),
    county: optionalText(PROFILE_LIMITS.place).optional(),
    city: optionalText(PROFILE_LIMITS.place).optional(),
    country: CountryCode.nullable().optional(),
    bio: optionalText(PROFILE_LIMITS.bio).optional(),
    time_zone: TimeZone.nullable().optional(),
    headline: optionalText(PROFILE_LIMITS.headline).optional(),
    qualifications: z.array(Qualification).max(PROFILE_LIMITS.entries, 'Add at most 20.').optional(),
    experience: z.array(Experience).max(PROFILE_LIMITS.entries, 'Add at most 20.').optional(),
    visibility: VisibilityChoices.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' })
export type UpdateProfileBody = z.input<typeof UpdateProfileBody>

const Details = {
  phone: z.string().nullable(),
  contacts: z.array(Contact),
  county: z.string().nullable(),
  city: z.string().nullable(),
  country: z.string().nullable(),
  bio: z.string().nullable(),
  time_zone: z.string().nullable(),
  headline: z.string().nullable(),
  qualifications: z.array(Qualification),
  experience: z.array(Experience),
}

/** `GET /me/profile`: my details, and where each field is shown. */
export const MyProfile = z.object({
  ...Details,
  visibility: z.object(
    Object.fromEntries(PROFILE_FIELDS.map((f) => [f, Visibility])) as Record<ProfileField, typeof Visibility>,
  ),
  /** Set when every school membership is a student one: every field is staff-only and stays so. */
  student_private: z.boolean(),
  updated_at: z.string().nullable(),
})
export type MyProfile = z.infer<typeof MyProfile>

/**
 * `GET /tenants/:tenantId/profiles/:userId`: a member's card with what the caller may see (others
 * null or empty). `access`: `all` (their school's staff, a linked parent, themself), `school` (the
 * fields they show the whole school), `none` (name and picture: a student seen by a student or parent).
 */
export const MemberProfile = z.object({
  user_id: z.uuid(),
  display_name: z.string(),
  avatar_path: z.string().nullable(),
  role: TenantRole,
  access: z.enum(['all', 'school', 'none']),
  email: z.string().nullable(),
  language: z.enum(['en', 'sw']).nullable(),
  /** Whether I may send this person a direct message now (the rule for minors). */
  can_message: z.boolean(),
  ...Details,
})
export type MemberProfile = z.infer<typeof MemberProfile>
