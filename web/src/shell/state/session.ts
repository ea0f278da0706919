import { query } from '@solidjs/router'
import type { Session, User } from '@supabase/auth-js'
import { batch, createMemo, createSignal, onCleanup } from 'solid-js'
import { resumeTicketMessages } from '../../features/support/offline/resume.ts'
import { forgetPendingWrites } from '../../lib/pending-writes/store.ts'
import type { SupabaseAuth } from '../../lib/runtime.ts'
import { forgetOfflineAnswers } from '../../sw/register.ts'

/** The signed-in session from Supabase Auth, kept in a signal and refreshed by Supabase Auth. */
export function createSessionSlice(supabase: SupabaseAuth) {
  const [session, setSession] = createSignal<Session | null>(null)
  const [ready, setReady] = createSignal(false)
  const [recovering, setRecovering] = createSignal(false)
  const userId = createMemo(() => session()?.user.id ?? null)

  const { data } = supabase.auth.onAuthStateChange((event, next) => {
    // A different person (or nobody) now: drop every cached API answer of the previous one.
    if (ready() && (next?.user.id ?? null) !== userId()) {
      query.clear()
      forgetOfflineAnswers() // and the lessons kept for offline reading (web/src/sw/)
      forgetPendingWrites() // and unsent writes: they are sent as their author or not at all
    }
    // Someone known: what they left unsent on an earlier visit goes out from whatever page this is.
    if (next && next.user.id !== userId()) resumeTicketMessages(next.user.id)
    batch(() => {
      if (event === 'PASSWORD_RECOVERY') setRecovering(true)
      if (event === 'SIGNED_OUT') setRecovering(false)
      setSession(next)
      setReady(true)
    })
  })
  onCleanup(() => data.subscription.unsubscribe())

  return {
    /** The current session, or null when signed out. */
    session,
    /** False until supabase-js has restored (or not) the session from storage or the URL. */
    ready,
    /** True after following a password-reset link (PASSWORD_RECOVERY). */
    recovering,
    userId,
    user: (): User | null => session()?.user ?? null,
    /** The name people see: user_metadata.display_name, else the part of the email before @. */
    displayName: (): string => {
      const user = session()?.user
      const name = user?.user_metadata?.display_name
      return typeof name === 'string' && name.trim() ? name : (user?.email?.split('@')[0] ?? '')
    },
    isSuperadmin: () => session()?.user.app_metadata?.platform_role === 'superadmin',
    /** Replaces the session with the one updateUser returned, so the header shows the new name at once. */
    refresh: async () => {
      const { data } = await supabase.auth.getSession()
      setSession(data.session)
    },
  }
}

export type SessionSlice = ReturnType<typeof createSessionSlice>
