import { afterAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { testDb } from '../../test/support/fixtures.ts'
import { startTestServer } from '../testing.ts'
import { createLesson, openProvider, rawClient, sameState, updateFrame, waitFor, yjsUrl } from './testing.ts'

const sql = testDb(2)
afterAll(() => sql.end())

/** A seeded random generator, so a failure names the seed that reproduces it. */
function randomFrom(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff
    return seed / 0x7fffffff
  }
}

/**
 * Updates of three authors editing the same lesson concurrently, syncing now and then: paragraphs
 * inserted and deleted, text typed into them, and with `attributes` paragraph attributes set (Y.Map
 * overwrites) and text made bold. Client ids are fixed, so a seed reproduces a run exactly.
 */
function concurrentEdits(seed: number, steps = 80, { attributes = false, bold = false } = {}) {
  const random = randomFrom(seed)
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()]
  docs.forEach((d, i) => {
    d.clientID = seed * 10 + i + 1
  })
  const updates: Uint8Array[] = []
  for (const d of docs) d.on('update', (u: Uint8Array) => updates.push(u))
  for (let step = 0; step < steps; step++) {
    const d = docs[Math.floor(random() * docs.length)]
    const body = d.getXmlFragment('content')
    const op = random()
    if (op < 0.45 || body.length === 0) {
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText(`s${seed} step ${step}`)])
      body.insert(Math.floor(random() * (body.length + 1)), [p])
    } else if (op < 0.75) {
      const p = body.get(Math.floor(random() * body.length))
      const text = p instanceof Y.XmlElement ? p.get(0) : undefined
      if (text instanceof Y.XmlText) text.insert(Math.floor(random() * (text.length + 1)), `+${step}`)
    } else if (op < 0.9) {
      const p = body.get(Math.floor(random() * body.length))
      const text = p instanceof Y.XmlElement ? p.get(0) : undefined
      const which = random()
      if (attributes && which < 0.5 && p instanceof Y.XmlElement)
        p.setAttribute('textAlign', random() < 0.5 ? 'left' : 'center')
      else if (bold && which >= 0.5 && text instanceof Y.XmlText && text.length > 2)
        text.format(0, 2, { bold: true })
    } else body.delete(Math.floor(random() * body.length), 1)
    if (random() < 0.25) {
      const [a, b] = [docs[Math.floor(random() * 3)], docs[Math.floor(random() * 3)]]
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    }
  }
  const reference = new Y.Doc()
  for (const u of updates) Y.applyUpdate(reference, u)
  return { updates, reference, random }
}

/** The updates in a random order, a third of them twice. */
function shuffledWithDuplicates(updates: Uint8Array[], random: () => number) {
  const list = [...updates, ...updates.filter(() => random() < 0.33)]
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[list[i], list[j]] = [list[j], list[i]]
  }
  return list
}

/**
 * The state as a fresh document holds it after loading it (what a compacted snapshot is). Yjs may
 * keep an overwritten map entry in two equivalent forms depending on arrival order; one round trip
 * gives both the same bytes.
 */
function canonical(doc: Y.Doc): Y.Doc {
  const fresh = new Y.Doc()
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc))
  return fresh
}

describe('convergence', () => {
  it('reaches byte-identical state from text and structure edits shuffled and duplicated (60 seeds × 4 orders)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const { updates, reference, random } = concurrentEdits(seed)
      for (let order = 0; order < 4; order++) {
        const doc = new Y.Doc()
        for (const u of shuffledWithDuplicates(updates, random)) Y.applyUpdate(doc, u)
        expect(sameState(doc, reference), `seed ${seed}, order ${order}`).toBe(true)
      }
    }
  })

  it('…and with attribute changes too, once loaded as a snapshot would be (60 seeds × 4 orders)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      // Bold text is covered through the server below: its clean-ups need peers that talk.
      const { updates, reference, random } = concurrentEdits(seed, 80, { attributes: true })
      for (let order = 0; order < 4; order++) {
        const doc = new Y.Doc()
        for (const u of shuffledWithDuplicates(updates, random)) Y.applyUpdate(doc, u)
        expect(sameState(canonical(doc), canonical(reference)), `seed ${seed}, order ${order}`).toBe(true)
      }
    }
  })

  it('converges through the server: two sockets deliver different shuffles with duplicates', async () => {
    const t = await startTestServer()
    const lesson = await createLesson(sql)
    const { updates, reference, random } = concurrentEdits(7, 150, { attributes: true, bold: true })
    const url = `${yjsUrl(t.server.port)}/lesson:${lesson.lessonId}?token=${lesson.editor.token}`
    const senders = [rawClient(url), rawClient(url)]
    await Promise.all(senders.map((s) => s.served))
    for (const s of senders) for (const u of shuffledWithDuplicates(updates, random)) s.send(updateFrame(u))

    // The server has every edit once its state vector reaches the reference's.
    const server = () => t.server.yjs!.docOf(lesson.lessonId)!
    const covers = (doc: Y.Doc) =>
      [...Y.decodeStateVector(Y.encodeStateVector(reference))].every(
        ([client, clock]) => (Y.decodeStateVector(Y.encodeStateVector(doc)).get(client) ?? 0) >= clock,
      )
    await waitFor(() => covers(server()), 'the server to have every update')
    // Two editors join; their formatting clean-ups and the server's are exchanged; all agree.
    const readers = [
      openProvider(t.server.port, lesson.lessonId, lesson.owner.token),
      openProvider(t.server.port, lesson.lessonId, lesson.editor.token),
    ]
    await Promise.all(readers.map((r) => r.synced()))
    await waitFor(
      () => readers.every((r) => sameState(canonical(r.doc), canonical(server()))),
      'server and clients to agree',
    )
    expect(readers[0].doc.getXmlFragment('content').length).toBe(reference.getXmlFragment('content').length)

    // What is stored loads to the same bytes, before and after compaction.
    const { persistence } = t.server.yjs!
    const stored = async () => {
      const doc = new Y.Doc()
      for (const u of (await persistence.load(lesson.lessonId)).updates) Y.applyUpdate(doc, u)
      return doc
    }
    await persistence.flush()
    expect(sameState(canonical(await stored()), canonical(server()))).toBe(true)
    expect(await persistence.compact(lesson.lessonId)).toBe('compacted')
    expect(sameState(canonical(await stored()), canonical(server()))).toBe(true)
    for (const s of senders) s.ws.close()
    for (const r of readers) r.destroy()
    await t.close()
  })
})
