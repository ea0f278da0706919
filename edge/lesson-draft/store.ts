// The lesson draft store: the one place that reads, appends and compacts a lesson draft in
// Postgres, for the API (edge/api, under RLS inside withUser) and the realtime server (its Yjs
// rooms and their compaction worker, with the service role).
//
// A draft is a snapshot (`lesson_docs.state`, with `compacted_through`) plus an append-only log of
// Yjs updates (`lesson_doc_updates`, in id order). Compaction deletes exactly the rows it merged
// (not "every id <= n"), so the draft is the snapshot plus every row still in the log: a row whose
// transaction commits after a compaction read the log, with a smaller id, stays there and is merged
// next time. Hence a read takes both in one statement (one MVCC snapshot). Applying an update twice
// is harmless in Yjs. Every write to the log NOTIFYs `lesson_doc_updates` (a trigger), so realtime
// instances holding the lesson apply it; `origin` names the writer so an instance skips its own.
//
// Updates are stored one per row, never merged with Y.mergeUpdates: applied one by one, updates in
// any order give byte-identical state, which merged updates do not always do.
import * as Y from 'yjs'
import { LESSON_FRAGMENT } from '../contract/courses.ts'
import type { Sql, Tx } from '../lib/db.ts'
import { fromBase64, toBase64 } from './base64.ts'

/** Anything postgres.js can run a tagged query on: a pool, a transaction or a reserved connection. */
export type Queryable = Sql | Tx

/** One update of the draft log. */
export interface StoredUpdate {
  id: number
  update: Uint8Array
}

/** A lesson draft as stored: the snapshot (null before the first compaction) and the log rows still there. */
export interface StoredLessonDoc {
  snapshot: Uint8Array | null
  /** Highest log id merged into the snapshot (0 before the first compaction). */
  compactedThrough: number
  updates: StoredUpdate[]
  /** Id of the newest update read (or compactedThrough when the log is empty). */
  lastId: number
}

/** A log row with its lesson (rows fetched by id, after a notification). */
export interface LoggedUpdate extends StoredUpdate {
  lessonId: string
}

/** What a compaction did: merged `rows` log rows of `bytes`, or nothing (another one holds the lesson, or the log is empty). */
export type CompactOutcome =
  | { outcome: 'locked' | 'empty' }
  | { outcome: 'compacted'; rows: number; bytes: number }

/** Rows per insert statement of appendLessonUpdates are cut off past this many bytes. */
const STATEMENT_BYTES = 8 * 1024 * 1024

// Section: read

/**
 * Reads a lesson draft in one statement, so a compaction running at the same time cannot make
 * the snapshot and the log disagree. Rows RLS hides are simply absent (an empty draft).
 */
export async function readLessonDoc(q: Queryable, lessonId: string): Promise<StoredLessonDoc> {
  const rows = await q<{ kind: number; id: string; data: string }[]>`
    select 0 as kind, d.compacted_through as id, encode(d.state, 'base64') as data
    from public.lesson_docs d where d.lesson_id = ${lessonId}
    union all
    select 1, u.id, encode(u.update, 'base64') from public.lesson_doc_updates u where u.lesson_id = ${lessonId}
    order by kind, id`
  let snapshot: Uint8Array | null = null
  let compactedThrough = 0
  const updates: StoredUpdate[] = []
  for (const row of rows) {
    if (row.kind === 0) {
      snapshot = fromBase64(row.data)
      compactedThrough = Number(row.id)
    } else updates.push({ id: Number(row.id), update: fromBase64(row.data) })
  }
  return {
    snapshot,
    compactedThrough,
    updates,
    lastId: updates.reduce((max, u) => Math.max(max, u.id), compactedThrough),
  }
}

/** The log rows with these ids that still exist (a compaction may have merged the others), in id order. */
export async function readLessonUpdates(q: Queryable, ids: readonly number[]): Promise<LoggedUpdate[]> {
  if (ids.length === 0) return []
  const rows = await q<{ id: string; lesson_id: string; data: string }[]>`
    select id, lesson_id::text as lesson_id, encode(update, 'base64') as data
    from public.lesson_doc_updates where id = any(${ids.map(String)}::bigint[]) order by id`
  return rows.map((r) => ({ id: Number(r.id), lessonId: r.lesson_id, update: fromBase64(r.data) }))
}

/**
 * Applies a stored draft to a Y.Doc (a new one unless given), in one Yjs transaction. An update
 * that does not decode (RLS lets an editor append any bytes) is skipped and reported through
 * `onBadUpdate` (id 0 is the snapshot), so one bad row cannot make a lesson unloadable.
 */
export function applyStoredDoc(
  stored: StoredLessonDoc,
  doc: Y.Doc = new Y.Doc(),
  onBadUpdate: (id: number, error: unknown) => void = () => {},
): Y.Doc {
  const all = stored.snapshot ? [{ id: 0, update: stored.snapshot }, ...stored.updates] : stored.updates
  doc.transact(() => {
    for (const { id, update } of all) {
      try {
        Y.applyUpdate(doc, update)
      } catch (error) {
        onBadUpdate(id, error)
      }
    }
  })
  return doc
}

/** Loads a lesson draft from Postgres into a new Y.Doc; `lastId` is the newest update id read, `skipped` the undecodable ones. */
export async function loadLessonDoc(
  q: Queryable,
  lessonId: string,
): Promise<{ doc: Y.Doc; lastId: number; skipped: number[] }> {
  const stored = await readLessonDoc(q, lessonId)
  const skipped: number[] = []
  const doc = applyStoredDoc(stored, new Y.Doc(), (id) => skipped.push(id))
  return { doc, lastId: stored.lastId, skipped }
}

// Section: append

/**
 * Appends one Yjs update to a lesson's draft log and returns its id. `origin` names the writer
 * ('api', or a realtime instance id) so instances can skip their own notifications.
 */
export async function appendLessonUpdate(
  q: Queryable,
  lessonId: string,
  update: Uint8Array,
  origin = 'api',
): Promise<number> {
  const [row] = await q<{ id: string }[]>`
    insert into public.lesson_doc_updates (lesson_id, update, origin)
    values (${lessonId}, ${update}, ${origin})
    returning id`
  return Number(row?.id)
}

/**
 * Appends many updates, of any lessons, in order: one multi-row insert per 8 MB (the realtime
 * server's batched writes). A deleted lesson fails the statement with a foreign-key error (23503).
 */
export async function appendLessonUpdates(
  q: Queryable,
  rows: readonly (readonly [lessonId: string, update: Uint8Array])[],
  origin: string,
): Promise<void> {
  for (let i = 0; i < rows.length; ) {
    const lessons: string[] = []
    const updates: string[] = []
    let size = 0
    for (; i < rows.length && (lessons.length === 0 || size < STATEMENT_BYTES); i++) {
      const [lessonId, update] = rows[i]
      lessons.push(lessonId)
      updates.push(toBase64(update))
      size += update.byteLength
    }
    await q`
      insert into public.lesson_doc_updates (lesson_id, update, origin)
      select t.l, decode(t.u, 'base64'), ${origin}
      from unnest(${lessons}::uuid[], ${updates}::text[]) with ordinality as t(l, u, n)
      order by t.n`
  }
}

/**
 * Replaces the lesson body of `target` with copies of the body of `source` in one Yjs transaction
 * and returns the update that does it (empty when nothing changed). The update deletes the old
 * items and inserts new ones, so it merges with concurrent edits like any other change, and
 * the earlier history stays in the log.
 */
export function replaceContent(target: Y.Doc, source: Y.Doc): Uint8Array {
  const before = Y.encodeStateVector(target)
  const to = target.getXmlFragment(LESSON_FRAGMENT)
  const from = source.getXmlFragment(LESSON_FRAGMENT)
  target.transact(() => {
    if (to.length > 0) to.delete(0, to.length)
    const copies = from.toArray().map((node) => node.clone())
    if (copies.length > 0) to.insert(0, copies as (Y.XmlElement | Y.XmlText)[])
  }, 'restore')
  return Y.encodeStateAsUpdate(target, before)
}

// Section: compact

/**
 * Merges a lesson's log into its snapshot in one transaction, under
 * `pg_try_advisory_xact_lock(hashtext('lesson:'||id))` so that one instance compacts a lesson at a
 * time (another one holding it: `locked`). The snapshot and every log row are applied to a fresh
 * Y.Doc one by one, as clients applied them (the result is garbage-collected and canonical), the
 * snapshot is upserted with `compacted_through` = the highest id merged, and exactly the merged rows
 * are deleted. Moves the whole draft through memory: the realtime server runs it on a worker thread.
 */
export async function compactLessonDoc(sql: Sql, lessonId: string): Promise<CompactOutcome> {
  return sql.begin(async (tx): Promise<CompactOutcome> => {
    const [{ locked }] = await tx<{ locked: boolean }[]>`
      select pg_try_advisory_xact_lock(hashtext('lesson:' || ${lessonId}::text)) as locked`
    if (!locked) return { outcome: 'locked' }
    const [snapshot] = await tx<{ state: Uint8Array }[]>`
      select state from public.lesson_docs where lesson_id = ${lessonId} for update`
    const rows = await tx<{ id: string; update: Uint8Array }[]>`
      select id, update from public.lesson_doc_updates where lesson_id = ${lessonId} order by id`
    if (rows.length === 0) return { outcome: 'empty' }
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot.state)
    for (const row of rows) Y.applyUpdate(doc, row.update)
    const state = Y.encodeStateAsUpdate(doc)
    doc.destroy()
    const ids = rows.map((r) => String(r.id))
    const maxId = ids.reduce((m, id) => (BigInt(id) > BigInt(m) ? id : m), ids[0])
    await tx`
      insert into public.lesson_docs (lesson_id, state, compacted_through, updated_at)
      values (${lessonId}, ${state}, ${maxId}, now())
      on conflict (lesson_id) do update
        set state = excluded.state,
            compacted_through = greatest(public.lesson_docs.compacted_through, excluded.compacted_through),
            updated_at = now()`
    await tx`delete from public.lesson_doc_updates where id = any(${ids}::bigint[])`
    return {
      outcome: 'compacted',
      rows: rows.length,
      bytes: rows.reduce((n, r) => n + r.update.byteLength, 0),
    }
  })
}
