// Re-checking live subscriptions in the database: `public.live_access(topic)` answers the same
// access each topic family's own function does (ticket_access, support_queue_access,
// session_room_access, the user's own id), as the subscription's user.
import type { Sql } from '../../edge/lib/db.ts'
import type { Claims } from '../../edge/lib/jwt.ts'

/** One (user, topic) question. */
export interface AccessQuestion {
  claims: Claims
  topic: string
}

/** Questions per statement. */
const PER_STATEMENT = 2000

/**
 * The access of each question, in order, in one statement per 2,000 questions: a transaction as
 * `authenticated` in which each row sets its user's claims and then asks (the call's argument
 * depends on the `set_config`, so it runs first, row by row; see yjs/access.ts).
 */
export async function liveAccess(sql: Sql, questions: AccessQuestion[]): Promise<string[]> {
  const answers: string[] = []
  for (let i = 0; i < questions.length; i += PER_STATEMENT) {
    const batch = questions.slice(i, i + PER_STATEMENT)
    const [, rows] = await sql.begin((tx) => [
      tx`select set_config('role', 'authenticated', true)`,
      tx`
        select public.live_access(
                 case when set_config('request.jwt.claims', p.claims, true) is not null then p.topic end
               ) as access
        from unnest(${batch.map((q) => JSON.stringify(q.claims))}::text[],
                    ${batch.map((q) => q.topic)}::text[]) with ordinality as p(claims, topic, n)
        order by p.n`,
    ])
    for (const row of rows as unknown as { access: string }[]) answers.push(row.access)
  }
  return answers
}
