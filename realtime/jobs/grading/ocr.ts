// The 'ocr' grading job (issue 16): reads each JPEG, PNG or WebP file of one submission with OCR
// (ocr-engine.ts) into public.submission_texts. Queued by the submission's trigger when a photo is
// new or replaced (supabase/migrations/20261207000100_submission_texts.sql) or by a teacher.
//
// The bytes come from the Storage API with the service key (`GET /storage/v1/object/authenticated/
// assignment-files/<name>`): the same call on the embedded default's local store and on hosted
// Supabase Storage, so this process needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY.
//
// Idempotent: a file whose text was read from the object's current version is not read again; a
// rerun after a crash carries on with the files left. A file OCR cannot read (not an image it
// reads, too large, gone from storage) gets its reason in `error` and the job goes on; anything else
// (storage or the engine failing) fails the attempt, retried by the queue.
import { z } from 'zod'
import type { Sql } from '../../../edge/lib/db.ts'
import { MAX_BYTES, type OcrEngine, OcrInputError } from './ocr-engine.ts'
import type { GradingHandler } from './types.ts'

const BUCKET = 'assignment-files'

export interface ObjectReader {
  /** An object's bytes, or null when there is no such object. */
  read(bucket: string, name: string, signal: AbortSignal): Promise<Uint8Array | null>
}

/** Refused bytes: more than the engine reads. */
class TooLarge extends OcrInputError {}

/** Reads objects through the Storage API as the service role (bypasses storage RLS, as the job must). */
export function storageApiReader(o: { url: string; serviceKey: string; fetch?: typeof fetch }): ObjectReader {
  const base = o.url.replace(/\/$/, '')
  const get = o.fetch ?? fetch
  return {
    async read(bucket, name, signal) {
      const path = [bucket, ...name.split('/')].map(encodeURIComponent).join('/')
      const res = await get(`${base}/storage/v1/object/authenticated/${path}`, {
        headers: { authorization: `Bearer ${o.serviceKey}`, apikey: o.serviceKey },
        signal,
      })
      if (res.status === 404 || res.status === 400) {
        await res.body?.cancel()
        return null
      }
      if (!res.ok) {
        await res.body?.cancel()
        throw new Error(`Storage answered ${res.status} for ${bucket}/${name}.`)
      }
      const declared = Number(res.headers.get('content-length') ?? 0)
      if (declared > MAX_BYTES) {
        await res.body?.cancel()
        throw new TooLarge(
          `The file is ${(declared / 1048576).toFixed(1)} MiB; OCR reads images up to 20 MiB.`,
        )
      }
      return readCapped(res, MAX_BYTES)
    },
  }
}

/** The body, refused past `max` bytes whatever the headers said. */
async function readCapped(res: Response, max: number): Promise<Uint8Array> {
  const reader = res.body?.getReader()
  if (!reader) return new Uint8Array()
  const parts: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > max) {
      await reader.cancel()
      throw new TooLarge('The file is larger than 20 MiB; OCR reads images up to 20 MiB.')
    }
    parts.push(value)
  }
  const bytes = new Uint8Array(size)
  let at = 0
  for (const part of parts) {
    bytes.set(part, at)
    at += part.byteLength
  }
  return bytes
}

const StorageEnv = z.object({
  SUPABASE_URL: z.url(),
  SUPABASE_SERVICE_ROLE_KEY: z.string().min(20),
})

/** The Storage API of SUPABASE_URL with SUPABASE_SERVICE_ROLE_KEY; a clear error when either is missing. */
export function storageReaderFromEnv(env: Record<string, string | undefined>): ObjectReader {
  const parsed = StorageEnv.safeParse(env)
  if (!parsed.success) {
    throw new Error(
      'OCR cannot read submission files: this server needs SUPABASE_URL and SUPABASE_SERVICE_ROLE_KEY (the Storage API).',
    )
  }
  return storageApiReader({
    url: parsed.data.SUPABASE_URL,
    serviceKey: parsed.data.SUPABASE_SERVICE_ROLE_KEY,
  })
}

interface OcrFile {
  path: string
  object_version: string
}

interface Done {
  path: string
  object_version: string
}

async function save(
  sql: Sql,
  submission: { id: string; assignment_id: string; course_id: string; tenant_id: string },
  file: OcrFile,
  read: { text: string; confidence: number | null; error: string | null },
) {
  // A correction belongs to the version it corrected: a replaced photo starts over.
  await sql`
    insert into public.submission_texts (submission_id, assignment_id, course_id, tenant_id, path, object_version,
      text, confidence, error)
    values (${submission.id}, ${submission.assignment_id}, ${submission.course_id}, ${submission.tenant_id},
      ${file.path}, ${file.object_version}, ${read.text}, ${read.confidence}, ${read.error})
    on conflict (submission_id, path) do update set object_version = excluded.object_version, text = excluded.text,
      confidence = excluded.confidence, error = excluded.error,
      corrected_text = case when public.submission_texts.object_version = excluded.object_version
                            then public.submission_texts.corrected_text end`
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 500)

export interface OcrHandlerDeps {
  /** Where the bytes come from (made on the first job, so a server without storage settings still starts). */
  objects: () => ObjectReader
  engine: () => OcrEngine
}

/** The handler with its storage and engine given (handlers.ts from the environment; tests their own). */
export function createOcrHandler(deps: OcrHandlerDeps): GradingHandler {
  let objects: ObjectReader | null = null
  return async (job, ctx) => {
    const { sql, signal } = ctx
    if (!job.submissionId) throw new Error('An OCR job is about one submission; this one names none.')
    const [submission] = await sql<
      { id: string; assignment_id: string; course_id: string; tenant_id: string }[]
    >`
      select id, assignment_id, course_id, tenant_id from public.assignment_submissions
      where id = ${job.submissionId} and tenant_id = ${job.tenantId} and assignment_id = ${job.assignmentId}`
    if (!submission) {
      ctx.log.info('ocr: the submission is gone, nothing to read', { job: job.id })
      return
    }
    const files = await sql<OcrFile[]>`
      select path, object_version from private.submission_ocr_files(${submission.id}) order by file_order`
    await sql`delete from public.submission_texts
      where submission_id = ${submission.id} and path <> all(${files.map((f) => f.path)}::text[])`
    const done = await sql<Done[]>`
      select path, object_version from public.submission_texts where submission_id = ${submission.id}`
    const current = new Set(done.map((d) => `${d.object_version}\n${d.path}`))
    const todo = files.filter((f) => !current.has(`${f.object_version}\n${f.path}`))
    let finished = files.length - todo.length
    await ctx.progress(files.length ? Math.round((100 * finished) / files.length) : 100)
    for (const file of todo) {
      signal.throwIfAborted()
      objects ??= deps.objects()
      const name = file.path.slice(`${BUCKET}/`.length)
      let read: { text: string; confidence: number | null; error: string | null }
      try {
        const bytes = await objects.read(BUCKET, name, signal)
        if (!bytes) {
          read = { text: '', confidence: null, error: 'The file is no longer in storage.' }
        } else {
          const result = await deps.engine().recognize(bytes, { signal })
          read = { ...result, error: null }
        }
      } catch (error) {
        if (!(error instanceof OcrInputError)) throw error
        read = { text: '', confidence: null, error: errorText(error) }
      }
      signal.throwIfAborted()
      await save(sql, submission, file, read)
      finished += 1
      await ctx.progress(Math.round((100 * finished) / files.length))
    }
  }
}
