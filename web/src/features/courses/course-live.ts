import { type Accessor, createEffect, createSignal, onCleanup } from 'solid-js'
import { courseTopic } from '../../../../edge/contract/courses-values.ts'
import { afterPageData } from '../../api/client.ts'

// A course's live topic (`course:<id>`, realtime/live/course-topic.ts), for the course page and the
// lessons of the course: `published` when one of its lessons has a new version, `outline` when its
// modules or lessons change, `forum` when something in one of its forum threads changes, `lesson_comments` when a comment on one
// of its lessons' drafts changes. The server keeps no backlog: after a reconnect, `onResubscribed` is
// the cue to load what may have been missed.

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** What a course's topic says, checked. */
export type CourseLiveEvent =
  | { kind: 'published'; lessonId: string; version: number }
  | { kind: 'outline' }
  | { kind: 'forum'; threadId: string }
  | { kind: 'comments'; lessonId: string }

/** A course event from a live frame's name and data; undefined when it is not one. */
export function parseCourseEvent(event: string, data: unknown): CourseLiveEvent | undefined {
  if (event === 'outline') return { kind: 'outline' }
  if (event === 'forum') {
    const threadId = isRecord(data) ? data.thread_id : undefined
    return typeof threadId === 'string' ? { kind: 'forum', threadId } : undefined
  }
  if (event === 'lesson_comments') {
    const lessonId = isRecord(data) ? data.lesson_id : undefined
    return typeof lessonId === 'string' ? { kind: 'comments', lessonId } : undefined
  }
  if (event !== 'published' || !isRecord(data)) return undefined
  const { lesson_id: lessonId, version } = data
  if (typeof lessonId !== 'string' || typeof version !== 'number') return undefined
  return { kind: 'published', lessonId, version }
}

export interface CourseLiveHandlers {
  onEvent: (event: CourseLiveEvent) => void
  /** Subscribed again after the socket came back (not the first time). */
  onResubscribed?: () => void
}

/**
 * Follows a course's topic while the calling component lives (when the accessor gives an id), from
 * the moment the page has its data: the live client is loaded then, not with the page's code (a
 * course or lesson page paints without it).
 */
export function useCourseLive(courseId: Accessor<string | undefined>, handlers: CourseLiveHandlers) {
  const [ready, setReady] = createSignal(false)
  afterPageData(() => setReady(true))
  createEffect(() => {
    const id = courseId()
    if (!ready() || !id) return
    let subscribes = 0
    let stop: (() => void) | undefined
    let ended = false
    void import('../../shell/state/live.ts').then(({ liveClient }) => {
      if (ended) return
      stop = liveClient().subscribe(courseTopic(id), {
        onEvent: (e) => {
          const parsed = parseCourseEvent(e.event, e.data)
          if (parsed) handlers.onEvent(parsed)
        },
        onSubscribed: () => {
          if (subscribes++ > 0) handlers.onResubscribed?.()
        },
      })
    })
    onCleanup(() => {
      ended = true
      stop?.()
    })
  })
}
