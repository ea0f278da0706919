import { createComponent, lazy, Suspense } from 'solid-js'

const Section = lazy(() => import('./DeleteAccountSection.tsx'))

/** The account page's "Delete my account", loaded on its own (it sits at the bottom of the page). */
export function DeleteAccountZone() {
  return createComponent(Suspense, {
    fallback: null,
    get children() {
      return createComponent(Section, {})
    },
  })
}
