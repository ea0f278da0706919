import { Navigate, useLocation } from '@solidjs/router'
import { createResource, type ParentProps, Show } from 'solid-js'
import { withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { CHOOSE_PASSWORD_PATH, mustChangePassword } from '../pupils/first-password.ts'
import { needsSecondFactor } from './mfa-level.ts'

/** Layout route for signed-in pages: waits for the session, else sends to sign-in and back. */
export function RequireAuth(props: ParentProps) {
  const { session, supabase } = useApp()
  const location = useLocation()
  // A session still at aal1 of an account with an authenticator app goes through the code step first.
  const [needsCode] = createResource(session.user, async () =>
    needsSecondFactor((await supabase.auth.getSession()).data.session),
  )
  const here = () => location.pathname + location.search
  return (
    <Show
      when={session.ready()}
      fallback={
        <div class="mx-auto max-w-6xl px-4 py-10 sm:px-6">
          <PageSkeleton />
        </div>
      }
    >
      <Show when={session.user()} fallback={<Navigate href={withQuery('/signin', { next: here() })} />}>
        <Show
          when={needsCode() === false}
          fallback={
            <Show when={needsCode()}>{<Navigate href={withQuery('/signin/mfa', { next: here() })} />}</Show>
          }
        >
          {/* A pupil with the first password their school gave them chooses their own first. */}
          <Show
            when={!mustChangePassword(session.user())}
            fallback={<Navigate href={withQuery(CHOOSE_PASSWORD_PATH, { next: here() })} />}
          >
            {props.children}
          </Show>
        </Show>
      </Show>
    </Show>
  )
}
