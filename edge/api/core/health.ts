import { getHealth } from '../../contract/routes/meta.ts'
import { Health } from '../../contract/tenancy.ts'
import type { Sql } from '../../lib/db.ts'
import { apiRoute, named } from './openapi.ts'
import { newRouter } from './router.ts'

named(Health, 'Health')

const health = apiRoute(getHealth, {
  tags: ['meta'],
  summary: 'Liveness and database reachability',
  public: true,
  responses: { 200: 'The function and its database are up.', 503: 'The database does not answer.' },
  errors: [],
})

/** How long the database may take to answer `select 1` before we call it down. */
const DB_TIMEOUT_MS = 3000

/** GET /health: 200 when `select 1` answers, 503 `degraded` when it does not. Needs no sign-in. */
export function healthRoutes(sql: Sql) {
  return newRouter().openapi(health, async (c) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database timeout')), DB_TIMEOUT_MS)
    })
    try {
      await Promise.race([sql`select 1`, timeout])
      return c.json({ status: 'ok' as const, db: 'ok' as const }, 200)
    } catch {
      return c.json({ status: 'degraded' as const, db: 'down' as const }, 503)
    } finally {
      clearTimeout(timer)
    }
  })
}
