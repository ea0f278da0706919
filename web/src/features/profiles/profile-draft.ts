import type {
  ContactKind,
  MyProfile,
  ProfileField,
  UpdateProfileBody,
  Visibility,
} from '../../../../edge/contract/profiles.ts'

// The account form's copy of my profile: every input as text, turned back into the API's body
// (blank means none) when saved.

export interface Draft {
  phone: string
  contacts: { kind: ContactKind; value: string }[]
  county: string
  city: string
  country: string
  bio: string
  time_zone: string
  headline: string
  qualifications: { title: string; institution: string; year: string }[]
  experience: {
    role: string
    organisation: string
    start_year: string
    end_year: string
    description: string
  }[]
  visibility: Record<ProfileField, Visibility>
}

const text = (v: string | null | undefined) => v ?? ''
const yearText = (v: number | null | undefined) => (v == null ? '' : String(v))

/** The form's values for my saved profile. */
export function toDraft(p: MyProfile): Draft {
  return {
    phone: text(p.phone),
    contacts: p.contacts.map((c) => ({ ...c })),
    county: text(p.county),
    city: text(p.city),
    country: text(p.country),
    bio: text(p.bio),
    time_zone: text(p.time_zone),
    headline: text(p.headline),
    qualifications: p.qualifications.map((q) => ({
      title: q.title,
      institution: text(q.institution),
      year: yearText(q.year),
    })),
    experience: p.experience.map((e) => ({
      role: e.role,
      organisation: text(e.organisation),
      start_year: yearText(e.start_year),
      end_year: yearText(e.end_year),
      description: text(e.description),
    })),
    visibility: { ...p.visibility },
  }
}

const orNull = (v: string) => (v.trim() === '' ? null : v.trim())
/** A typed year as a number (the contract says what is wrong with it), none when blank. */
const year = (v: string) => (v.trim() === '' ? null : Number(v))

/** The body that saves every field of the form; `withVisibility` false for a student (fixed). */
export function toBody(d: Draft, withVisibility: boolean): UpdateProfileBody {
  return {
    phone: orNull(d.phone),
    contacts: d.contacts,
    county: orNull(d.county),
    city: orNull(d.city),
    country: orNull(d.country),
    bio: orNull(d.bio),
    time_zone: orNull(d.time_zone),
    headline: orNull(d.headline),
    qualifications: d.qualifications.map((q) => ({
      title: q.title,
      institution: orNull(q.institution),
      year: year(q.year),
    })),
    experience: d.experience.map((e) => ({
      role: e.role,
      organisation: orNull(e.organisation),
      start_year: year(e.start_year),
      end_year: year(e.end_year),
      description: orNull(e.description),
    })),
    ...(withVisibility ? { visibility: d.visibility } : {}),
  }
}

/** Countries the form offers first (East Africa), then the rest of the commonly chosen ones. */
export const COUNTRY_CODES = [
  'KE',
  'TZ',
  'UG',
  'RW',
  'BI',
  'SS',
  'ET',
  'SO',
  'CD',
  'ZM',
  'MW',
  'MZ',
  'ZA',
  'NG',
  'GH',
  'EG',
  'GB',
  'US',
  'CA',
  'IN',
  'CN',
  'DE',
  'FR',
  'AE',
  'SA',
] as const
