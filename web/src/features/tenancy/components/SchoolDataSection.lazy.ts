import { createComponent, lazy, Suspense } from 'solid-js'

const Section = lazy(() => import('./SchoolDataSection.tsx'))
const Banner = lazy(() => import('./SchoolDeletionBanner.tsx'))
const Pending = lazy(() => import('./PendingSchoolDeletions.tsx'))

const loadedAlone = (component: typeof Section) => () =>
  createComponent(Suspense, {
    fallback: null,
    get children() {
      return createComponent(component, {})
    },
  })

/** The settings page's owner part (hand over, export, delete), loaded on its own. */
export const SchoolDataZone = loadedAlone(Section)

/** The banner admins of a school see while its deletion is planned, loaded on its own. */
export const SchoolDeletionNotice = loadedAlone(Banner)

/** The console's list of schools waiting to be deleted (superadmins), loaded on its own. */
export const PendingSchoolDeletionsPanel = loadedAlone(Pending)
