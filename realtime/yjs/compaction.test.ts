import { monitorEventLoopDelay } from 'node:perf_hooks'
import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testDb } from '../../test/support/fixtures.ts'
import { silentLogger } from '../core/log.ts'
import { startTestServer } from '../testing.ts'
import { createCompactor } from './compactor.ts'
import { createPersistence } from './persistence.ts'
import { addParagraph, createLesson, openProvider, paragraphs, sameState, waitFor } from './testing.ts'

const sql = testDb(3)
const compactor = createCompactor(sql)
afterAll(async () => {
  await compactor.close()
  await sql.end()
})

const persistence = (instanceId = 'compaction-test') =>
  createPersistence({ sql, instanceId, log: silentLogger, compactor, flushMs: 5 })

/** Stores `n` separate updates of a lesson, each adding one paragraph; returns the source doc. */
async function storeUpdates(lessonId: string, n: number, doc = new Y.Doc()) {
  for (let i = 0; i < n; i++) {
    const before = Y.encodeStateVector(doc)
    addParagraph(doc, `p${doc.getXmlFragment('content').length}`)
    const update = Y.encodeStateAsUpdate(doc, before)
    await sql`insert into lesson_doc_updates (lesson_id, update, origin) values (${lessonId}, ${update}, 'test')`
  }
  return doc
}

const loaded = async (lessonId: string) => {
  const doc = new Y.Doc()
  for (const u of (await persistence().load(lessonId)).updates) Y.applyUpdate(doc, u)
  return doc
}

describe('compaction of a lesson draft', () => {
  it('merges the log into the snapshot and deletes what it merged, keeping the document', async () => {
    const { lessonId } = await createLesson(sql)
    const source = await storeUpdates(lessonId, 30)
    expect(await persistence().compact(lessonId)).toBe('compacted')
    const [snap] = await sql`select compacted_through from lesson_docs where lesson_id = ${lessonId}`
    const [{ n }] = await sql`select count(*)::int as n from lesson_doc_updates where lesson_id = ${lessonId}`
    expect(n).toBe(0)
    expect(Number(snap.compacted_through)).toBeGreaterThan(0)
    expect(sameState(await loaded(lessonId), source)).toBe(true)

    // More edits after a snapshot: loaded on top of it, and compacted again.
    await storeUpdates(lessonId, 5, source)
    expect(paragraphs(await loaded(lessonId))).toHaveLength(35)
    expect(await persistence().compact(lessonId)).toBe('compacted')
    expect(sameState(await loaded(lessonId), source)).toBe(true)
    expect(await persistence().compact(lessonId)).toBe('empty')
  })

  it('lets only one instance compact a lesson at a time (advisory lock)', async () => {
    const { lessonId } = await createLesson(sql)
    await storeUpdates(lessonId, 3)
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(hashtext('lesson:' || ${lessonId}::text))`
      expect(await persistence('instance-b').compact(lessonId)).toBe('locked')
    })
    const results = await Promise.all([
      persistence('a').compact(lessonId),
      persistence('b').compact(lessonId),
    ])
    // One merges; the other either found the lock taken or, running after it, nothing left.
    expect(results.filter((r) => r === 'compacted')).toHaveLength(1)
    expect(results.filter((r) => r === 'locked' || r === 'empty')).toHaveLength(1)
  })

  it('keeps a row whose transaction commits after the compaction read the log', async () => {
    const { lessonId } = await createLesson(sql)
    const source = await storeUpdates(lessonId, 2)
    const late = Y.encodeStateAsUpdate(
      (() => {
        const d = new Y.Doc()
        Y.applyUpdate(d, Y.encodeStateAsUpdate(source))
        addParagraph(d, 'late')
        return d
      })(),
      Y.encodeStateVector(source),
    )
    const writer = await sql.reserve()
    try {
      await writer`begin`
      // This row takes an id now but commits only after the compaction below.
      await writer`insert into lesson_doc_updates (lesson_id, update, origin) values (${lessonId}, ${late}, 'slow')`
      await storeUpdates(lessonId, 1, source)
      expect(await persistence().compact(lessonId)).toBe('compacted')
      await writer`commit`
    } finally {
      writer.release()
    }
    const doc = await loaded(lessonId)
    expect(paragraphs(doc)).toContain('late')
    expect(paragraphs(doc)).toHaveLength(4)
  })

  it('does not stall the event loop for 50 ms while compacting a 4 MB document', async () => {
    const { lessonId } = await createLesson(sql)
    const big = new Y.Doc()
    const text = 'lorem ipsum dolor sit amet '.repeat(6)
    big.getXmlFragment('content').push(
      Array.from({ length: 20_000 }, (_, i) => {
        const p = new Y.XmlElement('paragraph')
        p.insert(0, [new Y.XmlText(`Paragraph ${i}: ${text}`)])
        return p
      }),
    )
    const state = Y.encodeStateAsUpdate(big)
    expect(state.byteLength).toBeGreaterThan(3.5e6)
    await sql`insert into lesson_doc_updates (lesson_id, update, origin) values (${lessonId}, ${state}, 'test')`
    await storeUpdates(lessonId, 50, big)

    const p = persistence()
    // The worker is started (a compaction of an empty log) before measuring.
    expect(await p.compact((await createLesson(sql)).lessonId)).toBe('empty')
    const delay = monitorEventLoopDelay({ resolution: 5 })
    delay.enable()
    expect(await p.compact(lessonId)).toBe('compacted')
    delay.disable()
    expect(delay.max / 1e6).toBeLessThan(50)
    expect(sameState(await loaded(lessonId), big)).toBe(true)
  })

  it('compacts in the background of a live room once the log passes the threshold', async () => {
    const t = await startTestServer({ yjs: { compactAfterUpdates: 10, compactIntervalMs: 0, flushMs: 5 } })
    const lesson = await createLesson(sql)
    const p = openProvider(t.server.port, lesson.lessonId, lesson.owner.token)
    await p.synced()
    for (let i = 0; i < 40; i++) {
      addParagraph(p.doc, `live ${i}`)
      await new Promise((r) => setTimeout(r, 15))
    }
    await waitFor(
      async () => (await sql`select 1 from lesson_docs where lesson_id = ${lesson.lessonId}`).length > 0,
      'a snapshot',
    )
    await t.server.yjs!.persistence.flush()
    await t.server.yjs!.persistence.idle()
    expect(t.server.yjs!.persistence.stats.compactions).toBeGreaterThan(0)
    expect(paragraphs(await loaded(lesson.lessonId))).toEqual(paragraphs(p.doc))
    p.destroy()
    await t.close()
  })
})
