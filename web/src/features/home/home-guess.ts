import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

// The student home's data needs the school's id, which comes from /me: asked one after the other,
// the two round trips were most of the home's wait. The school's id and the person's role there, as
// last seen on this device, let the home's data be asked beside /me; /me still decides what is shown.

const KEY = 'kipindi.homeSchool'

/** The school behind a slug for one person, as /me said it last time. */
export interface HomeGuess {
  userId: string
  slug: string
  id: string
  role: TenantRole | null
}

/** What this device last saw for `userId` at `slug`, if anything (never another person's). */
export function guessHome(storage: () => Pick<Storage, 'getItem'>, userId: string, slug: string) {
  try {
    const saved = JSON.parse(storage().getItem(KEY) ?? 'null') as Partial<HomeGuess> | null
    if (saved?.userId !== userId || saved.slug !== slug || typeof saved.id !== 'string') return undefined
    return { id: saved.id, role: saved.role ?? null }
  } catch {
    return undefined // storage blocked or unreadable: no guess, the home waits for /me
  }
}

/** Keeps what /me said (one school: the one whose home was opened last). */
export function rememberHome(storage: () => Pick<Storage, 'setItem'>, guess: HomeGuess) {
  try {
    storage().setItem(KEY, JSON.stringify(guess))
  } catch {
    // Not kept: the next visit waits for /me.
  }
}
