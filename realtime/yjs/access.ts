// Who may open a lesson draft, decided by the database (`public.lesson_access`) as the user.
import { type Sql, withUser } from '../../edge/lib/db.ts'
import { type Claims, TokenError } from '../../edge/lib/jwt.ts'
import { CloseCode, CloseError } from '../core/close-codes.ts'

/**
 * What `public.lesson_access(lesson)` answers for the calling user; the re-check (recheckAccess)
 * also answers `signed_out` for a token whose session has ended.
 */
export type LessonAccess = 'edit' | 'view' | 'none' | 'missing' | 'signed_out'

const LESSON_DOC = /^lesson:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i

/** The lesson id of a document name `lesson:<uuid>`, or undefined. */
export function lessonIdOf(docName: string): string | undefined {
  return LESSON_DOC.exec(docName)?.[1]?.toLowerCase()
}

/** Turns a refusal into the close code the client sees; `edit` and `view` pass. */
export function refusal(access: LessonAccess): CloseError | undefined {
  if (access === 'signed_out') return new CloseError(CloseCode.UNAUTHORIZED, 'session has ended')
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

/** (user, lesson) pairs per statement of a re-check. */
const PAIRS_PER_STATEMENT = 2000

/**
 * Re-checks many users' access to their open lessons in one statement per 2,000 (user, lesson)
 * pairs, in a transaction as `authenticated`: each row sets its user's claims, then (the branches of
 * the `case` run in order) answers `signed_out` when the token's session has ended (signed out while
 * the socket was open), else calls `lesson_access`.
 * One statement also lets Postgres plan the SQL helpers once instead of once per user. Answers
 * `sub -> lesson -> access`.
 */
export async function recheckAccess(
  sql: Sql,
  queries: AccessQuery[],
): Promise<Map<string, Map<string, LessonAccess>>> {
  const pairs = queries.flatMap(({ claims, lessons }) => {
    const json = JSON.stringify(claims)
    return lessons.map((lesson) => [claims.sub, json, lesson] as const)
  })
  const result = new Map<string, Map<string, LessonAccess>>()
  for (let i = 0; i < pairs.length; i += PAIRS_PER_STATEMENT) {
    const batch = pairs.slice(i, i + PAIRS_PER_STATEMENT)
    const [, rows] = await sql.begin((tx) => [
      tx`select set_config('role', 'authenticated', true)`,
      tx`
        select p.sub, p.lesson::text as lesson,
               case
                 when set_config('request.jwt.claims', p.claims, true) is null then null
                 when p.claims::jsonb ->> 'session_id' is not null
                   and not private.session_is_live((p.claims::jsonb ->> 'session_id')::uuid) then 'signed_out'
                 else public.lesson_access(p.lesson)
               end as access
        from unnest(${batch.map((b) => b[0])}::text[], ${batch.map((b) => b[1])}::text[],
                    ${batch.map((b) => b[2])}::uuid[]) with ordinality as p(sub, claims, lesson, n)
        order by p.n`,
    ])
    for (const row of rows as unknown as { sub: string; lesson: string; access: LessonAccess }[]) {
      let forUser = result.get(row.sub)
      if (!forUser) {
        forUser = new Map()
        result.set(row.sub, forUser)
      }
      forUser.set(row.lesson, row.access)
    }
  }
  return result
}
