import * as Y from 'yjs'
import { LESSON_FRAGMENT } from '../contract/courses.ts'
import type { Sql, Tx } from './db.ts'

// A lesson draft lives in Postgres as a compacted snapshot (lesson_docs.state) plus the update log
// (lesson_doc_updates, in id order). Compaction deletes exactly the rows it merged, so the draft is
// the snapshot plus every row still in the log (a row that committed late, with an id below
// compacted_through, is still unmerged). Applying an update twice is harmless in Yjs. These
// helpers read and append the draft with whatever rights the caller's connection has: under RLS
// inside withUser (the API), or as the service role.

export { LESSON_FRAGMENT }

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

/**
 * Reads a lesson draft in one statement, so a compaction running at the same time cannot make
 * the snapshot and the log disagree. Rows RLS hides are simply absent (an empty draft).
 */
export async function readLessonDoc(q: Queryable, lessonId: string): Promise<StoredLessonDoc> {
  const rows = await q<{ kind: number; id: string; data: Uint8Array }[]>`
    select 0 as kind, d.compacted_through as id, d.state as data
    from public.lesson_docs d where d.lesson_id = ${lessonId}
    union all
    select 1, u.id, u.update from public.lesson_doc_updates u where u.lesson_id = ${lessonId}
    order by kind, id`
  const snapshotRow = rows.find((r) => r.kind === 0)
  const updates = rows.filter((r) => r.kind === 1).map((r) => ({ id: Number(r.id), update: r.data }))
  const compactedThrough = snapshotRow ? Number(snapshotRow.id) : 0
  return {
    snapshot: snapshotRow?.data ?? null,
    compactedThrough,
    updates,
    lastId: updates.reduce((max, u) => Math.max(max, u.id), compactedThrough),
  }
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

/**
 * Appends one Yjs update to a lesson's draft log and returns its id. The insert's trigger
 * NOTIFYs `lesson_doc_updates`, so realtime instances holding the lesson apply and broadcast it.
 * `origin` names the writer ('api', or a realtime instance id) so instances can skip their own.
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
