import { revalidate } from '@solidjs/router'
import { ErrorBoundary, type JSX, Suspense } from 'solid-js'
import { ErrorState } from './ErrorState.tsx'
import { PageSkeleton } from './Skeleton.tsx'

/**
 * Suspense inside an ErrorBoundary: a skeleton while loading, the server's message and a retry
 * (which refetches the failed queries) when a loader fails.
 */
export function Boundary(props: { children: JSX.Element; fallback?: JSX.Element; keys?: string | string[] }) {
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <ErrorState
          error={error}
          onRetry={async () => {
            await revalidate(props.keys)
            reset()
          }}
        />
      )}
    >
      <Suspense fallback={props.fallback ?? <PageSkeleton />}>{props.children}</Suspense>
    </ErrorBoundary>
  )
}
