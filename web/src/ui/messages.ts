import { defineMessages } from '../lib/i18n/catalogue.ts'

/** Texts of the shared UI pieces: loading, errors, toasts, page titles. */
export const messages = defineMessages({
  en: {
    loading: 'Loading…',
    'page.title': '{title} · Kipindi',
    'page.defaultTitle': 'Kipindi — live learning for schools',
    'error.unreachable': "Can't reach Kipindi",
    'error.signInAgain': 'Please sign in again',
    'error.noAccess': "You don't have access to this",
    'error.notFound': 'Not found',
    'error.gone': 'No longer available',
    'error.generic': 'Something went wrong',
    'error.signIn': 'Sign in',
    'error.retry': 'Try again',
    'error.toDashboard': 'Go to your dashboard',
    'error.toHome': 'Go to the home page',
    'toast.dismiss': 'Dismiss notification',
    'toast.region': 'Notifications',
  },
  sw: {
    loading: 'Inapakia…',
    'page.title': '{title} · Kipindi',
    'page.defaultTitle': 'Kipindi — mafunzo ya moja kwa moja kwa shule',
    'error.unreachable': 'Imeshindwa kufikia Kipindi',
    'error.signInAgain': 'Tafadhali ingia tena',
    'error.noAccess': 'Huna ruhusa ya kuona hiki',
    'error.notFound': 'Hakipatikani',
    'error.gone': 'Hakipatikani tena',
    'error.generic': 'Hitilafu imetokea',
    'error.signIn': 'Ingia',
    'error.retry': 'Jaribu tena',
    'error.toDashboard': 'Nenda kwenye dashibodi yako',
    'error.toHome': 'Nenda ukurasa wa mwanzo',
    'toast.dismiss': 'Ondoa arifa',
    'toast.region': 'Arifa',
  },
})
