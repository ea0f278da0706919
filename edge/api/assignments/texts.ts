import * as R from '../../contract/routes/submission-texts.ts'
import type { ScriptText, ScriptTexts } from '../../contract/submission-texts.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { conflict, forbidden, notFound } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { requireTeacherOf, teacherQuery } from '../quizzes/queries.ts'
import { readSubmission, submissionOf, submissionQuery } from './queries.ts'

// The text of a submission's scanned pages (public.submission_texts, written by the 'ocr' grading
// job): the course's teachers read it beside each image, its graders correct it. RLS decides; the
// routes say so with a 403 rather than an empty list.

const tags = ['assignments']

const list = apiRoute(R.getSubmissionTexts, {
  tags,
  summary: "The OCR text of each photo or scan of a submission, with corrections (the course's teachers)",
  description:
    'One entry per JPEG, PNG or WebP file of the submission, in its order: `text` is null until OCR has read ' +
    'it, `error` says why a file could not be read, `current` is false when the photo was replaced after it ' +
    'was read. `job` is the latest OCR job (queued when the files were submitted; ask again with ' +
    '`POST /assignments/{id}/jobs`, kind `ocr`).',
  responses: { 200: 'The texts and the OCR job.' },
  errors: [400, 401, 403, 404],
})
const correct = apiRoute(R.correctSubmissionText, {
  tags,
  summary: "Correct the OCR text of one file of a submission (the course's graders)",
  description:
    'Only `corrected_text` changes; null or blank goes back to the OCR text. Who corrected and when are ' +
    'recorded. A file OCR has not read yet answers 409; a replaced photo is read again and loses its correction.',
  responses: { 200: 'The file with its corrected text.' },
  errors: [400, 401, 403, 404, 409],
})

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp']

const scriptTexts = (tx: Tx, submissionId: string, path?: string) => tx<ScriptText[]>`
  select f ->> 'path' as path, coalesce(f ->> 'name', '') as name, f ->> 'type' as type,
    t.text, t.confidence::int as confidence, t.error, t.corrected_text,
    (select nullif(p.display_name, '') from public.profiles p where p.id = t.corrected_by) as corrected_by_name,
    t.corrected_at,
    coalesce(t.object_version = (select coalesce(o.version, o.updated_at::text, '') from storage.objects o
      where o.bucket_id = 'assignment-files' and o.name = substr(f ->> 'path', char_length('assignment-files/') + 1)),
      false) as current
  from public.assignment_submissions s
  cross join lateral jsonb_array_elements(s.files) with ordinality as x (f, ord)
  left join public.submission_texts t on t.submission_id = s.id and t.path = f ->> 'path'
  where s.id = ${submissionId} and f ->> 'type' in ${tx(IMAGE_TYPES)}
    ${path === undefined ? tx`` : tx`and f ->> 'path' = ${path}`}
  order by x.ord`

/** GET /submissions/:id/texts, PUT /submissions/:id/texts. */
export function submissionTextRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [submission, teacher, files, [job]] = await withUserRead(sql, c.var.claims, (tx) => [
        submissionQuery(tx, id),
        teacherQuery(tx, tx`(select s.course_id from public.assignment_submissions s where s.id = ${id})`),
        scriptTexts(tx, id),
        tx<NonNullable<ScriptTexts['job']>[]>`
          select id, status, progress::int as progress, error from public.grading_jobs
          where submission_id = ${id} and kind = 'ocr' order by created_at desc, id limit 1`,
      ])
      submissionOf(submission)
      requireTeacherOf(teacher, 'read the text of scanned scripts')
      const body: ScriptTexts = { submission_id: id, files, job: job ?? null }
      return c.json(body, 200)
    })
    .openapi({ ...correct, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const { path, corrected_text } = c.req.valid('json')
      const file = await withUser(sql, c.var.claims, async (tx) => {
        await readSubmission(tx, id)
        const [ok] = await tx<{ ok: boolean }[]>`
          select private.can_grade_course(s.course_id) as ok from public.assignment_submissions s where s.id = ${id}`
        if (!ok?.ok)
          throw forbidden('grading_forbidden', "Only the course's graders correct the text of scripts.")
        const [current] = await scriptTexts(tx, id, path)
        if (!current)
          throw notFound('not_found', 'This submission has no photo or scan at that path.', { path: 'path' })
        const updated = await tx`update public.submission_texts set corrected_text = ${corrected_text}
          where submission_id = ${id} and path = ${path}`
        if (updated.count === 0) {
          throw conflict('conflict', 'OCR has not read this file yet: correct it once its text is there.')
        }
        const [after] = await scriptTexts(tx, id, path)
        return after as ScriptText
      })
      return c.json(file, 200)
    })
}
