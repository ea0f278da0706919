// The service worker (built to /sw.js by scripts/lib/sw-plugin.ts, registered by register.ts in
// production builds). It makes the app installable and lets a student read, offline, the lessons
// and course outlines they opened before. Which request gets which treatment: strategy.ts.
// No exports: the built file is a classic worker script.

import type { SwEvent, SwManifest, SwMessage } from './manifest.ts'
import {
  cacheNames,
  isKeptOutline,
  keepAnswer,
  staleAfterWrite,
  staleCaches,
  strategyFor,
  withProgress,
} from './strategy.ts'

// The worker's own event types (the DOM lib this project compiles with has no WebWorker types).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request
  respondWith(response: Response | Promise<Response>): void
}
interface ExtendableMessageEvent extends ExtendableEvent {
  readonly data: unknown
}
interface WorkerScope {
  readonly location: Location
  readonly clients: {
    claim(): Promise<void>
    matchAll(options: { type: 'window' }): Promise<{ postMessage(message: SwEvent): void }[]>
  }
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void
  addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void
}

/** Replaced by the build with this build's manifest (see scripts/lib/sw-plugin.ts). */
declare const __KIPINDI_SW_MANIFEST__: SwManifest

const manifest = __KIPINDI_SW_MANIFEST__
const worker = self as unknown as WorkerScope
const names = cacheNames(manifest.version)

worker.addEventListener('install', (event) => {
  // All or nothing: a shell missing a file must not become the offline fallback.
  event.waitUntil(caches.open(names.shell).then((cache) => cache.addAll(manifest.precache)))
})

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(staleCaches(keys, manifest.version).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  )
})

worker.addEventListener('message', (event) => {
  const message = event.data as Partial<SwMessage> | null
  if (message?.type === 'forget-answers') event.waitUntil(caches.delete(names.api))
})

worker.addEventListener('fetch', (event) => {
  const { request } = event
  switch (strategyFor(request, worker.location.origin)) {
    case 'cache-first':
      return event.respondWith(cacheFirst(request))
    case 'navigate':
      return event.respondWith(navigate(request))
    case 'network-first':
      return event.respondWith(networkFirst(request))
    case 'stale-while-revalidate':
      return event.respondWith(staleWhileRevalidate(event))
    case 'invalidate':
      return event.respondWith(thenInvalidate(request))
    case 'progress':
      return event.respondWith(thenKeepProgress(request))
    case 'passthrough':
      return
  }
})

async function cacheFirst(request: Request): Promise<Response> {
  const cached =
    (await caches.match(request, { cacheName: names.shell })) ??
    (await caches.match(request, { cacheName: names.assets }))
  if (cached) return cached
  const response = await fetch(request)
  // A lazy page opened once (the lesson page, say) is there the next time, offline too.
  if (response.ok) await (await caches.open(names.assets)).put(request, response.clone())
  return response
}

async function navigate(request: Request): Promise<Response> {
  try {
    return await fetch(request)
  } catch (error) {
    // Offline: this build's shell; the router then shows the page from kept answers.
    const shell = await caches.match('/index.html', { cacheName: names.shell })
    if (shell) return shell
    throw error
  }
}

async function networkFirst(request: Request): Promise<Response> {
  // API answers are the signed-in person's (forgotten on sign-out); /config.json goes with the shell.
  const own = new URL(request.url).origin === worker.location.origin && !request.url.includes('/functions/')
  const cache = await caches.open(own ? names.shell : names.api)
  try {
    const response = await fetch(request)
    await remember(cache, request, response)
    return response
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true })
    if (cached) return cached
    throw error
  }
}

async function staleWhileRevalidate(event: FetchEvent): Promise<Response> {
  const { request } = event
  const cache = await caches.open(names.api)
  // The key is the URL only (the token changes every hour); the cache is emptied on sign-out.
  const cached = await cache.match(request, { ignoreVary: true })
  const fresh = fetch(request).then(async (response) => {
    await remember(cache, request, response)
    return response
  })
  if (!cached) return fresh
  // The kept copy now; when the server's answer differs, the pages read again (and get it).
  const shown = cached.clone()
  event.waitUntil(
    fresh
      .then(async (response) => {
        if (await changed(shown, response)) await tell({ type: 'answer-changed', url: request.url })
      })
      .catch(() => undefined),
  )
  return cached
}

/** Whether `response` replaces or withdraws the kept answer `shown`. */
async function changed(shown: Response, response: Response): Promise<boolean> {
  const action = keepAnswer(response.status)
  if (action === 'drop') return true
  return action === 'keep' && (await shown.text()) !== (await response.text())
}

/** When each URL's change was last told: an answer that differs every time must not reload pages in a loop. */
const told = new Map<string, number>()

async function tell(message: SwEvent) {
  const now = Date.now()
  if (now - (told.get(message.url) ?? 0) < 10_000) return
  told.set(message.url, now)
  for (const client of await worker.clients.matchAll({ type: 'window' })) client.postMessage(message)
}

async function thenInvalidate(request: Request): Promise<Response> {
  const response = await fetch(request)
  // Before the page sees the answer, so its next read (a revalidate) is not served a stale copy.
  if (response.ok) {
    const cache = await caches.open(names.api)
    const kept = await cache.keys()
    await Promise.all(
      kept
        .filter((k) => staleAfterWrite(request.url, k.url))
        .map((k) => cache.delete(k, { ignoreVary: true })),
    )
  }
  return response
}

/**
 * Sends a progress write, then puts the answer into the kept outline of the lesson's course, so a
 * reload (or reading offline) shows the lesson done without dropping anything kept.
 */
async function thenKeepProgress(request: Request): Promise<Response> {
  const response = await fetch(request)
  if (!response.ok) return response
  try {
    const progress = await response.clone().json()
    const cache = await caches.open(names.api)
    for (const key of (await cache.keys()).filter((k) => isKeptOutline(k.url))) {
      const kept = await cache.match(key, { ignoreVary: true })
      const course = kept && withProgress(await kept.json(), progress)
      if (course) await cache.put(key, new Response(JSON.stringify(course), { headers: kept.headers }))
    }
  } catch {
    // A kept outline that does not read back as JSON stays as it was; the page refreshes it anyway.
  }
  return response
}

/** Keeps a kept request's answer, or drops the kept copy when the server says it is gone. */
async function remember(cache: Cache, request: Request, response: Response) {
  const action = keepAnswer(response.status)
  if (action === 'keep') await cache.put(request, response.clone())
  else if (action === 'drop') await cache.delete(request, { ignoreVary: true })
}
