// Who has a lesson's draft open for editing, in public.lesson_presence (the instructor home reads it):
// a row per lesson, person and server instance, written on their first connection and removed with
// their last; refreshed every minute so that rows of an instance that died (kill -9) go stale and
// are no longer shown (readers count a row as present while seen_at is recent).
import type { Sql } from '../../edge/lib/db.ts'
import type { Logger } from '../core/log.ts'

export const PRESENCE_REFRESH_MS = 60_000

export interface Presence {
  enter(lessonId: string, userId: string): void
  leave(lessonId: string, userId: string): void
  close(): Promise<void>
}

export function createPresence(
  sql: Sql,
  instanceId: string,
  log: Logger,
  refreshMs = PRESENCE_REFRESH_MS,
): Presence {
  const counts = new Map<string, number>()
  const key = (lessonId: string, userId: string) => `${lessonId}/${userId}`
  const failed = (what: string) => (error: unknown) => log.warn(`presence: ${what} failed`, { error })
  // Writes of one lesson and person run in order (a quick leave must not overtake its enter).
  const chains = new Map<string, Promise<unknown>>()
  const inOrder = (k: string, what: string, write: () => Promise<unknown>) => {
    const next = (chains.get(k) ?? Promise.resolve()).then(write).catch(failed(what))
    chains.set(k, next)
    void next.finally(() => chains.get(k) === next && chains.delete(k))
  }

  const timer = setInterval(() => {
    if (counts.size === 0) return
    void sql`update public.lesson_presence set seen_at = now() where instance_id = ${instanceId}`.catch(
      failed('refresh'),
    )
  }, refreshMs)
  timer.unref()

  return {
    enter(lessonId, userId) {
      const k = key(lessonId, userId)
      const n = (counts.get(k) ?? 0) + 1
      counts.set(k, n)
      if (n > 1) return
      inOrder(
        k,
        'enter',
        () => sql`
        insert into public.lesson_presence (lesson_id, user_id, instance_id)
        values (${lessonId}, ${userId}, ${instanceId})
        on conflict (lesson_id, user_id, instance_id) do update set seen_at = now()`,
      )
    },
    leave(lessonId, userId) {
      const k = key(lessonId, userId)
      const n = (counts.get(k) ?? 0) - 1
      if (n > 0) return void counts.set(k, n)
      counts.delete(k)
      inOrder(
        k,
        'leave',
        () => sql`
        delete from public.lesson_presence
        where lesson_id = ${lessonId} and user_id = ${userId} and instance_id = ${instanceId}`,
      )
    },
    async close() {
      clearInterval(timer)
      counts.clear()
      await Promise.allSettled([...chains.values()])
      await sql`delete from public.lesson_presence where instance_id = ${instanceId}`.catch(failed('close'))
    },
  }
}
