import * as R from '../../contract/routes/similarity.ts'
import type { SimilarityPair, SimilarityPairDetail, SimilarityReport } from '../../contract/similarity.ts'
import { type Tx, withUserRead } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { assignmentCourse, assignmentOf, assignmentQuery } from './queries.ts'

// An assignment's similarity check as its graders read it (public.similarity_checks and
// similarity_pairs, written by the 'similarity' grading job). RLS lets only the course's graders see
// them; the routes say so with a 403 rather than an empty list.

const tags = ['assignments']

const report = apiRoute(R.getSimilarity, {
  tags,
  summary:
    "An assignment's last similarity check: pairs sharing passages, highest score first (the course's graders)",
  description:
    'Each latest submission is compared with the others and with the published lessons of the course; a score ' +
    'is the share of a text also found in the other (0–1). It informs, never decides. Start a check with ' +
    '`POST /assignments/{id}/jobs` and kind `similarity`; `computed_at` is null until one has run.',
  responses: { 200: 'The last check, or none yet.' },
  errors: [400, 401, 403, 404],
})
const pair = apiRoute(R.getSimilarityPair, {
  tags,
  summary:
    'One similarity pair with both texts as compared and the shared passages in each (the course’s graders)',
  responses: { 200: 'The pair; passages are character ranges [start, end) in text_a and text_b.' },
  errors: [400, 401, 404],
})

/** The name a side goes by: its group's for group work, else its student's. */
const sideName = (tx: Tx, column: string) => tx`coalesce(
  (select g.name from public.assignment_submissions s join public.assignment_groups g on g.id = s.group_id
   where s.id = ${tx(column)}),
  (select nullif(pr.display_name, '') from public.assignment_submissions s join public.profiles pr on pr.id = s.user_id
   where s.id = ${tx(column)}),
  'Student')`

const pairColumns = (tx: Tx) => tx`
  p.id, p.score::float8 as score,
  json_build_object('submission_id', p.submission_a, 'name', ${sideName(tx, 'p.submission_a')}, 'share', p.share_a::float8) as a,
  case when p.submission_b is not null then json_build_object('submission_id', p.submission_b,
    'name', ${sideName(tx, 'p.submission_b')}, 'share', p.share_b::float8) end as b,
  case when p.lesson_id is not null then json_build_object('lesson_id', p.lesson_id,
    'title', coalesce(p.lesson_title, 'Lesson'), 'share', p.share_b::float8) end as lesson,
  jsonb_array_length(p.passages) as passage_count,
  coalesce((select sum((x ->> 'words')::int) from jsonb_array_elements(p.passages) x), 0)::int as words,
  p.excerpt`

/** GET /assignments/:id/similarity, GET /similarity-pairs/:id. */
export function similarityRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...report, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [assignment, [grader], [check], pairs] = await withUserRead(sql, c.var.claims, (tx) => [
        assignmentQuery(tx, id),
        tx<{ ok: boolean }[]>`select private.can_grade_course(${assignmentCourse(tx, id)}) as ok`,
        tx<{ computed_at: string; submissions: number; lessons: number }[]>`
          select computed_at, submissions, lessons from public.similarity_checks where assignment_id = ${id}`,
        tx<SimilarityPair[]>`select ${pairColumns(tx)} from public.similarity_pairs p
          where p.assignment_id = ${id} order by p.score desc, p.id`,
      ])
      assignmentOf(assignment)
      if (!grader?.ok) throw forbidden('forbidden', "Only the course's graders see similarity checks.")
      const body: SimilarityReport = {
        assignment_id: id,
        computed_at: check?.computed_at ?? null,
        submissions: check?.submissions ?? 0,
        lessons: check?.lessons ?? 0,
        pairs: check ? pairs : [],
      }
      return c.json(body, 200)
    })
    .openapi({ ...pair, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [[row]] = await withUserRead(sql, c.var.claims, (tx) => [
        tx<SimilarityPairDetail[]>`
          select ${pairColumns(tx)}, p.assignment_id, p.computed_at, p.passages, p.text_a, p.text_b
          from public.similarity_pairs p where p.id = ${id}`,
      ])
      if (!row) throw notFound('similarity_pair_not_found', 'No such similarity pair, or you cannot see it.')
      return c.json(row, 200)
    })
}
