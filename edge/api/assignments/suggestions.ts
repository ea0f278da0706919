import type { GradeSuggestionList } from '../../contract/grade-suggestions.ts'
import * as R from '../../contract/routes/grade-suggestions.ts'
import { withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'

// AI grade suggestions of a submission (issue 16), for the course's teachers. A `suggest` grading job
// writes them (realtime/jobs/grading/suggest.ts); RLS shows them to the course's teachers and never
// to the submission's student. Whether the school has AI at all: GET /tenants/{id}/ai/status.

const get = apiRoute(R.getGradeSuggestions, {
  tags: ['assignments'],
  summary:
    "A submission's AI grade suggestions: a level (or achieved) per criterion, why, and a quote (teachers)",
  description:
    'Made by a grading job (`POST /assignments/{id}/jobs` with `kind: suggest`); a new run replaces them. ' +
    'Each quote was found in the submission text; suggestions that named no criterion or level of the ' +
    'rubric, or quoted words not in the submission, were dropped. They are only a proposal: nothing ' +
    'reaches the student until a teacher grades and releases. The student never sees them (403).',
  responses: { 200: 'The suggestions, in the rubric’s order.' },
  errors: [400, 401, 403, 404],
})

/** GET /submissions/:id/suggestions. */
export function suggestionRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...get, middleware: auth }, async (c) => {
    const { id } = c.req.valid('param')
    const me = c.var.claims.sub
    const [[s], rows] = await withUserRead(sql, c.var.claims, (tx) => [
      tx<{ user_id: string; teacher: boolean }[]>`
        select s.user_id, private.can_see_course_work(s.course_id) as teacher
        from public.assignment_submissions s where s.id = ${id}`,
      tx<(GradeSuggestionList['items'][number] & { provider: string; model: string; created_at: Date })[]>`
        select g.criterion_id, g.level_id, g.achieved, g.justification, g.quote, g.provider, g.model, g.created_at
        from public.grade_suggestions g
        join public.assignments a on a.id = g.assignment_id
        left join public.rubrics r on r.id = a.rubric_id
        left join lateral (select c.n from jsonb_array_elements(r.criteria) with ordinality c(v, n)
                           where c.v ->> 'id' = g.criterion_id) o on true
        where g.submission_id = ${id}
        order by o.n nulls last, g.criterion_id`,
    ])
    if (!s) throw notFound('submission_not_found', 'No such submission.')
    if (!s.teacher || s.user_id === me) {
      throw forbidden('course_editors_only', "Only the course's teachers can see AI grade suggestions.")
    }
    const first = rows[0]
    const body: GradeSuggestionList = {
      submission_id: id,
      items: rows.map(({ criterion_id, level_id, achieved, justification, quote }) => ({
        criterion_id,
        level_id,
        achieved,
        justification,
        quote,
      })),
      provider: first?.provider ?? null,
      model: first?.model ?? null,
      created_at: first ? new Date(first.created_at).toISOString() : null,
    }
    return c.json(body, 200)
  })
}
