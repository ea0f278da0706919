// The app's side of the service worker (sw.ts): registering it, and forgetting kept answers.

import { revalidate } from '@solidjs/router'
import { afterPageData } from '../api/client.ts'
import type { SwEvent, SwMessage } from './manifest.ts'

/** Registers /sw.js in production builds, in browsers that have service workers. */
export function registerServiceWorker() {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return
  // A page was shown a kept lesson or outline that has since changed: load the page's data again.
  navigator.serviceWorker.addEventListener('message', (event: MessageEvent<SwEvent>) => {
    if (event.data?.type === 'answer-changed') void revalidate()
  })
  // Once the page has its data: installing precaches the shell (about 70 files), which on a slow
  // link must not share the line with the first screen's own requests (the window's load event
  // came before the page's data, which then queued behind the precache).
  afterPageData(() => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('Kipindi works, but not offline: the service worker did not register.', error)
    })
  })
}

/** Deletes the lessons, outlines and profile kept for offline reading (on sign-out or another person signing in). */
export function forgetOfflineAnswers() {
  if (!('serviceWorker' in navigator)) return
  const message: SwMessage = { type: 'forget-answers' }
  // The worker owns its caches (and their names); nothing to do when none was ever installed.
  void navigator.serviceWorker
    .getRegistration()
    .then((registration) => registration?.active?.postMessage(message))
    .catch(() => {})
}
