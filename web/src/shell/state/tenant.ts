import { createAsync, revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import type { Membership, MeResponse } from '../../../../edge/contract/tenancy.ts'
import { getMe, membershipKeys } from '../../api/queries.ts'
import type { SessionSlice } from './session.ts'

const LAST_TENANT_KEY = 'kipindi.lastTenant'

function readLastSlug(): string | null {
  try {
    return localStorage.getItem(LAST_TENANT_KEY)
  } catch {
    return null
  }
}

/** The signed-in user's schools (from GET /me) and the last one they used. */
export function createTenantSlice(session: SessionSlice) {
  // Never throws: the header keeps working when /me fails; pages read getMe() in their own boundary.
  const result = createAsync(async (): Promise<{ me?: MeResponse; error?: unknown } | null> => {
    if (!session.userId()) return null
    try {
      return { me: await getMe() }
    } catch (error) {
      return { error }
    }
  })
  const [lastSlug, setLastSlug] = createSignal(readLastSlug())

  const me = () => result()?.me
  const memberships = (): Membership[] => me()?.memberships ?? []

  return {
    me,
    memberships,
    /** True once /me answered (or failed) for the current user. */
    loaded: () => result() !== undefined,
    membershipFor: (slug: string | undefined) => memberships().find((m) => m.tenant_slug === slug),
    lastSlug,
    /** Remembers the school to open next time (/app goes there). */
    remember(slug: string) {
      setLastSlug(slug)
      try {
        localStorage.setItem(LAST_TENANT_KEY, slug)
      } catch {
        // Private mode: remembering is a nicety.
      }
    },
    /** Where /app should go: the last used school when still a member, else the first one. */
    homeSlug(): string | undefined {
      const list = memberships()
      return (list.find((m) => m.tenant_slug === lastSlug()) ?? list[0])?.tenant_slug
    },
    /** Reloads /me (after creating a school, accepting an invitation, renaming…). */
    refresh: () => revalidate(membershipKeys),
  }
}

export type TenantSlice = ReturnType<typeof createTenantSlice>
