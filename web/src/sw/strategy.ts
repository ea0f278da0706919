// Which requests the service worker answers, and how. Pure (no worker APIs) so it is unit-tested;
// sw.ts applies the answer.

/** What the service worker does with one request. */
export type Strategy =
  /** Not ours: the browser fetches it as if there were no service worker. */
  | 'passthrough'
  /** Hashed, immutable files under /assets/: the cached copy, else the network (then kept). */
  | 'cache-first'
  /** Page loads: the network, else the app shell cached at install (offline). */
  | 'navigate'
  /** Small answers that must be fresh online (who I am, the config) but still work offline. */
  | 'network-first'
  /** Lessons and course outlines a student opened: the kept copy at once, refreshed in the background. */
  | 'stale-while-revalidate'
  /** A write to courses or lessons: sent as is, then the kept lesson and course copies are dropped. */
  | 'invalidate'
  /** A reader's own progress in a lesson: sent as is, then written into the kept outline of its course. */
  | 'progress'

/** The parts of a `Request` (or a test's object) that decide its strategy. */
export interface RequestLike {
  method: string
  url: string
  mode?: string
}

/** Where the edge function `api` lives, on this origin or on the hosted Supabase project's. */
const API_PREFIX = '/functions/v1/api/'
/** Same-origin paths served by the gateway, never by the web app: no shell fallback for them. */
const SERVER_PREFIXES = ['/auth/', '/functions/', '/storage/', '/realtime/', '/config.json']

/** API answers kept for offline reading (paths after /functions/v1/api): edge/contract/routes/courses.ts. */
const KEPT = [
  /^\/lessons\/[^/]+\/published$/, // getPublished: the student's view of a lesson
  /^\/lessons\/[^/]+$/, // getLesson: its title and course, read by the lesson page
  /^\/courses\/[^/]+$/, // getCourse: the outline
]
/** API answers that must be current online, kept only as the offline fallback. */
const FRESH = [/^\/me$/] // memberships: every school page (/t/:slug) resolves the school from them
/** Writes under these change kept answers (outline order, publish, enrol, co-authors…). */
const CONTENT_WRITES = /^\/(courses|lessons|modules)\//
/**
 * A reader's own progress (written whenever a student opens a lesson): it changes no content, so
 * nothing kept for reading offline is dropped; the kept outline takes the new progress instead.
 */
const PROGRESS_WRITE = /^\/lessons\/[^/]+\/progress$/

/** How the service worker treats `request`; `origin` is the worker's own (the web app's). */
export function strategyFor(request: RequestLike, origin: string): Strategy {
  const url = new URL(request.url)
  const method = request.method.toUpperCase()
  const sameOrigin = url.origin === origin

  const path = apiPath(request.url)
  // The API is on this origin locally and on the Supabase project's in production.
  if (path !== null && (sameOrigin || url.protocol === 'https:')) {
    if (method !== 'GET') {
      if (PROGRESS_WRITE.test(path)) return 'progress'
      return CONTENT_WRITES.test(path) ? 'invalidate' : 'passthrough'
    }
    if (url.search) return 'passthrough'
    if (KEPT.some((re) => re.test(path))) return 'stale-while-revalidate'
    if (FRESH.some((re) => re.test(path))) return 'network-first'
    return 'passthrough'
  }

  if (!sameOrigin || method !== 'GET') return 'passthrough'
  if (url.pathname === '/config.json') return 'network-first'
  if (SERVER_PREFIXES.some((p) => url.pathname.startsWith(p))) return 'passthrough'
  if (request.mode === 'navigate') return 'navigate'
  if (url.pathname.startsWith('/assets/')) return 'cache-first'
  return 'passthrough'
}

/** The API path of `url` (`/lessons/1/published`), or null when it is not an API URL. */
function apiPath(url: string): string | null {
  const { pathname } = new URL(url)
  return pathname.startsWith(API_PREFIX) ? pathname.slice(API_PREFIX.length - 1) : null
}

/**
 * Whether a successful write to `writeUrl` makes the kept answer of `keptUrl` stale, so that the
 * page's next read (its revalidate after the write) is not served the old copy: a course's writes
 * touch its outline; a lesson's touch the lesson and every outline (titles, order); a module's
 * every outline. Kept answers of other lessons stay, so enrolling never loses offline lessons.
 */
export function staleAfterWrite(writeUrl: string, keptUrl: string): boolean {
  const write = apiPath(writeUrl)?.split('/')
  const kept = apiPath(keptUrl)?.split('/')
  if (!write || !kept) return false
  const [, kind, id] = write
  if (kept[1] === 'courses') return kind !== 'courses' || kept[2] === id
  return kept[1] === 'lessons' && kind === 'lessons' && kept[2] === id
}

/** Whether `keptUrl` is a kept course outline (`GET /courses/:id`), which carries the reader's progress. */
export const isKeptOutline = (keptUrl: string): boolean => /^\/courses\/[^/]+$/.test(apiPath(keptUrl) ?? '')

interface ProgressRow {
  lesson_id: string
}

/**
 * A kept course outline with the reader's progress in one lesson put in (replacing the earlier
 * row of that lesson), or undefined when the lesson is not in that course.
 */
export function withProgress<C extends { lessons: { id: string }[]; my_progress: ProgressRow[] }>(
  course: C,
  progress: ProgressRow,
): C | undefined {
  if (!course.lessons.some((l) => l.id === progress.lesson_id)) return undefined
  const others = course.my_progress.filter((p) => p.lesson_id !== progress.lesson_id)
  return { ...course, my_progress: [...others, progress] }
}

/** The cache of kept API answers. Not versioned by build: a new release must not lose what a student opened. */
export const API_CACHE = 'kipindi-api-v1'
/** Caches this worker version owns; `version` is the build's hash. */
export function cacheNames(version: string) {
  return { shell: `kipindi-shell-${version}`, assets: `kipindi-assets-${version}`, api: API_CACHE }
}

/** Caches to delete when `version` activates: every Kipindi cache it does not own. */
export function staleCaches(names: readonly string[], version: string): string[] {
  const own = new Set(Object.values(cacheNames(version)))
  return names.filter((name) => name.startsWith('kipindi-') && !own.has(name))
}

/** After a response to a kept request: keep it, drop the kept copy (access gone), or leave it. */
export function keepAnswer(status: number): 'keep' | 'drop' | 'leave' {
  if (status === 200) return 'keep'
  // Access removed or lesson deleted: the copy must not stay readable. 401 is an expired token: leave it.
  return status === 403 || status === 404 || status === 410 ? 'drop' : 'leave'
}
