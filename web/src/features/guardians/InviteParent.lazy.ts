import { createComponent, lazy, Suspense } from 'solid-js'

const Section = lazy(() => import('./InviteParentSection.tsx'))

/**
 * The account page's "Parents and guardians" (students only), loaded on its own and waiting in its
 * own Suspense, so the rest of the page never waits for it.
 */
export function InviteParentSection() {
  return createComponent(Suspense, {
    fallback: null,
    get children() {
      return createComponent(Section, {})
    },
  })
}
