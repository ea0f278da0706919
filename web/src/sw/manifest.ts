/** What the build tells the service worker (scripts/lib/sw-plugin.ts writes it into sw.js). */
export interface SwManifest {
  /** A hash of this build's files: names this version's caches. */
  version: string
  /** URL paths cached at install: index.html and the files the first screen and lesson reading need. */
  precache: string[]
}

/** Messages the app posts to the worker (register.ts → sw.ts). */
export type SwMessage = {
  /** Delete the API answers kept for offline reading: someone signed out, or another person signed in. */
  type: 'forget-answers'
}

/** Messages the worker posts to the app's pages (sw.ts → register.ts). */
export type SwEvent = {
  /** A kept answer a page was shown has changed on the server (a new version, or access removed): read again. */
  type: 'answer-changed'
  url: string
}
