// Who may open a lesson draft, decided by the database (`public.lesson_access`) as the user.
import { type Sql, withUser } from '../../edge/lib/db.ts'
import { type Claims, TokenError } from '../../edge/lib/jwt.ts'
import { CloseCode, CloseError } from '../close-codes.ts'

/** What `public.lesson_access(lesson)` answers for the calling user. */
export type LessonAccess = 'edit' | 'view' | 'none' | 'missing'

const LESSON_DOC = /^lesson:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/** The lesson id of a document name `lesson:<uuid>`, or undefined. */
export function lessonIdOf(docName: string): string | undefined {
  return LESSON_DOC.exec(docName)?.[1]?.toLowerCase()
}

/** Turns a refusal into the close code the client sees; `edit` and `view` pass. */
export function refusal(access: LessonAccess): CloseError | undefined {
  if (access === 'missing') return new CloseError(CloseCode.UNKNOWN_DOCUMENT, 'no such lesson')
  if (access === 'none') return new CloseError(CloseCode.FORBIDDEN, 'no access to this lesson')
  return undefined
}

/** The user's access to one lesson, in a withUser transaction (a signed-out session is a 4401). */
export async function lessonAccess(sql: Sql, claims: Claims, lessonId: string): Promise<LessonAccess> {
  try {
    const [row] = await withUser(
      sql,
      claims,
      (tx) => tx`select public.lesson_access(${lessonId}::uuid) as access`,
    )
    return row.access as LessonAccess
  } catch (error) {
    if (error instanceof TokenError) throw new CloseError(CloseCode.UNAUTHORIZED, 'session has ended')
    throw error
  }
}

/** The lessons one user has open, with the claims of one of their sockets. */
export interface AccessQuery {
  claims: Claims
  lessons: string[]
}

/** Users per transaction in a re-check; each costs one statement, pipelined. */
const USERS_PER_BATCH = 200

/**
 * Re-checks many users' access in few round trips: per batch one transaction as `authenticated`,
 * and per user one statement that sets their claims (a materialized CTE, which every row's call
 * depends on, so it runs first) and calls `lesson_access` for all their open lessons. Answers
 * `sub -> lesson -> access`.
 */
export async function recheckAccess(
  sql: Sql,
  queries: AccessQuery[],
): Promise<Map<string, Map<string, LessonAccess>>> {
  const result = new Map<string, Map<string, LessonAccess>>()
  for (let i = 0; i < queries.length; i += USERS_PER_BATCH) {
    const batch = queries.slice(i, i + USERS_PER_BATCH)
    const answers = await sql.begin((tx) => [
      tx`select set_config('role', 'authenticated', true)`,
      ...batch.map(
        ({ claims, lessons }) => tx`
          with c as materialized (select set_config('request.jwt.claims', ${JSON.stringify(claims)}, true) as claims)
          select l::text as lesson, public.lesson_access(case when c.claims is not null then l end) as access
          from c cross join unnest(${lessons}::uuid[]) as l`,
      ),
    ])
    batch.forEach(({ claims }, k) => {
      const rows = answers[1 + k] as unknown as { lesson: string; access: LessonAccess }[]
      result.set(claims.sub, new Map(rows.map((r) => [r.lesson, r.access])))
    })
  }
  return result
}
