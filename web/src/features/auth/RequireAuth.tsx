import { Navigate, useLocation } from '@solidjs/router'
import { type ParentProps, Show } from 'solid-js'
import { withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'

/** Layout route for signed-in pages: waits for the session, else sends to sign-in and back. */
export function RequireAuth(props: ParentProps) {
  const { session } = useApp()
  const location = useLocation()
  return (
    <Show
      when={session.ready()}
      fallback={
        <div class="mx-auto max-w-6xl px-4 py-10 sm:px-6">
          <PageSkeleton />
        </div>
      }
    >
      <Show
        when={session.user()}
        fallback={<Navigate href={withQuery('/signin', { next: location.pathname + location.search })} />}
      >
        {props.children}
      </Show>
    </Show>
  )
}
