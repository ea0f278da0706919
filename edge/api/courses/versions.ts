import * as Y from 'yjs'
import type { LessonVersion, LessonVersionContent, PublishedLesson } from '../../contract/courses.ts'
import * as R from '../../contract/routes/courses.ts'
import { appendLessonUpdate, loadLessonDoc, replaceContent } from '../../lesson-draft/store.ts'
import { type Tx, withUser, withUserRead } from '../../lib/db.ts'
import { ApiError, notFound, unprocessable } from '../../lib/errors.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { lessonRights, lessonRightsOf, lessonRightsQuery, requireEdit, requireReader } from './access.ts'
import { renderLessonDoc } from './lesson-render.ts'
import './schemas.ts'

const tags = ['versions']

/** lesson_versions.html is capped at 8 MiB by the migration. */
const MAX_HTML_BYTES = 8 * 1024 * 1024

const publish = apiRoute(R.publishLesson, {
  tags,
  summary: "Freeze the lesson's current draft as the next numbered version (editors)",
  description:
    'Renders the draft as stored in Postgres to sanitised HTML and plain text. Enrolled students read ' +
    'the latest version. An empty draft is a 422.',
  responses: { 201: 'The new version.' },
  errors: [400, 401, 403, 404, 413, 422],
})

const list = apiRoute(R.listVersions, {
  tags,
  summary: "A lesson's published versions, newest first (draft readers and enrolled students)",
  responses: { 200: 'Newest first.' },
  errors: [400, 401, 403, 404],
})

const get = apiRoute(R.getVersion, {
  tags,
  summary: 'One published version with its HTML and plain text (draft readers and enrolled students)',
  responses: { 200: 'The version.' },
  errors: [400, 401, 403, 404],
})

const restore = apiRoute(R.restoreVersion, {
  tags,
  summary: "Replace the lesson's draft with a published version (editors)",
  description:
    'Appends one Yjs update that swaps the draft body for the version body, so everyone editing the ' +
    'lesson sees the change live and the earlier history stays.',
  responses: { 200: 'Restored into the draft.' },
  errors: [400, 401, 403, 404, 422],
})

const published = apiRoute(R.getPublished, {
  tags,
  summary:
    'The latest published version of a lesson: what students read (enrolled students and draft readers)',
  responses: { 200: 'The latest version.' },
  errors: [400, 401, 403, 404],
})

/** Versions of a lesson as RLS shows them, newest first; with content when `n` is given. */
function readVersions(tx: Tx, lessonId: string, n: number | null, content: boolean) {
  return tx<LessonVersionContent[]>`
    select v.lesson_id, v.version, v.title, v.note, v.published_by, p.display_name as published_by_name,
      v.published_at ${content ? tx`, v.html, v.plain_text` : tx``}
    from public.lesson_versions v left join public.profiles p on p.id = v.published_by
    where v.lesson_id = ${lessonId} and (${n}::int is null or v.version = ${n}::int)
    order by v.version desc
    ${n === null && content ? tx`limit 1` : tx``}`
}

const noVersion = (n: number) =>
  notFound('version_not_found', `This lesson has no version ${n}.`, { version: n })

/** POST /lessons/:id/publish, GET /lessons/:id/versions[/:n], POST …/:n/restore, GET /lessons/:id/published. */
export function versionRoutes({ sql, auth }: ApiDeps) {
  return newRouter()
    .openapi({ ...publish, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      // The body is optional: without a JSON content type it is {}; a JSON body is validated.
      const body = c.req.valid('json')
      const version = await withUser(sql, c.var.claims, async (tx) => {
        const rights = await lessonRights(tx, id)
        requireEdit(rights, 'publish')
        const { doc } = await loadLessonDoc(tx, id)
        const rendered = renderLessonDoc(doc)
        if (rendered.empty) {
          throw unprocessable('lesson_empty', 'The lesson is empty. Write something before publishing it.')
        }
        if (new TextEncoder().encode(rendered.html).length > MAX_HTML_BYTES) {
          throw new ApiError(
            413,
            'lesson_too_large',
            'The lesson is too large to publish (over 8 MiB of HTML).',
            { max_mib: 8 },
          )
        }
        const [row] = await tx<{ version: number }[]>`
          insert into public.lesson_versions (lesson_id, version, title, html, plain_text, state, note)
          values (${id}, 0, ${rights.lesson_title}, ${rendered.html}, ${rendered.text},
                  ${Y.encodeStateAsUpdate(doc)}, ${body.note ?? ''})
          returning version`
        const [version] = await readVersions(tx, id, row?.version ?? 0, false)
        return version as LessonVersion
      })
      return c.json(version, 201)
    })
    .openapi({ ...list, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rights, versions] = await withUserRead(sql, c.var.claims, (tx) => [
        lessonRightsQuery(tx, id),
        readVersions(tx, id, null, false),
      ])
      requireReader(lessonRightsOf(rights))
      return c.json([...versions], 200)
    })
    .openapi({ ...get, middleware: auth }, async (c) => {
      const { id, n } = c.req.valid('param')
      const [rights, [version]] = await withUserRead(sql, c.var.claims, (tx) => [
        lessonRightsQuery(tx, id),
        readVersions(tx, id, n, true),
      ])
      requireReader(lessonRightsOf(rights))
      if (!version) throw noVersion(n)
      return c.json(version, 200)
    })
    .openapi({ ...restore, middleware: auth }, async (c) => {
      const { id, n } = c.req.valid('param')
      await withUser(sql, c.var.claims, async (tx) => {
        requireEdit(await lessonRights(tx, id), 'restore versions')
        const [version] = await tx<{ state: Uint8Array }[]>`
          select v.state from public.lesson_versions v where v.lesson_id = ${id} and v.version = ${n}`
        if (!version) throw noVersion(n)
        const { doc } = await loadLessonDoc(tx, id)
        const source = new Y.Doc()
        try {
          Y.applyUpdate(source, version.state)
        } catch {
          throw unprocessable(
            'version_damaged',
            `Version ${n} cannot be restored: its stored document is damaged.`,
            {
              version: n,
            },
          )
        }
        await appendLessonUpdate(tx, id, replaceContent(doc, source), 'api')
      })
      return c.json({ lesson_id: id, restored_version: n }, 200)
    })
    .openapi({ ...published, middleware: auth }, async (c) => {
      const { id } = c.req.valid('param')
      const [rightsRows, [row]] = await withUserRead(sql, c.var.claims, (tx) => [
        lessonRightsQuery(tx, id),
        readVersions(tx, id, null, true),
      ])
      const rights = lessonRightsOf(rightsRows)
      requireReader(rights)
      if (!row) throw new ApiError(404, 'not_published', 'This lesson has not been published yet.')
      const latest: PublishedLesson = { ...row, course_id: rights.course_id }
      return c.json(latest, 200)
    })
}
