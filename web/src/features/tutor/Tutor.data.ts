import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getConversation, getConversations, getTutorStatus } from './api.ts'

export { getConversation, getConversations, getTutorStatus }

/** What the student's list asks for first. */
export const MINE = { scope: 'mine' } as const

/** Starts loading the student's conversations, the open one and the day's status with the page code. */
export function preloadTutor({ params, location }: RoutePreloadFuncArgs) {
  // Read now: `params` follows the current location, which is not this page's until navigation ends.
  const slug = params.slug ?? ''
  const id = params.id
  const course = new URLSearchParams(location.search).get('course') ?? undefined
  preloadSignedIn(() => {
    if (id) void getConversation(id).catch(() => {})
    return getTenantBySlug(slug).then((t) => {
      void getConversations(t.id, { ...MINE }).catch(() => {})
      if (!id) void getTutorStatus(t.id, course).catch(() => {})
    })
  })
}
