import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { testDb } from '../../test/support/fixtures.ts'
import { CloseCode } from '../core/close-codes.ts'
import { startTestServer, type TestServer } from '../testing.ts'
import { YJS_MAX_FRAME_BYTES } from './protocol.ts'
import {
  addParagraph,
  createLesson,
  type LessonCast,
  openProvider,
  paragraphs,
  rawClient,
  type TestProvider,
  waitFor,
  yjsUrl,
} from './testing.ts'

const bytes = (...b: number[]) => new Uint8Array(b)
/** An update whose header announces 2^25 structs: applying it would allocate a 256 MB array. */
const structBomb = (() => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, 2 ** 25)
  encoding.writeVarUint(e, 123)
  encoding.writeVarUint(e, 0)
  const update = encoding.toUint8Array(e)
  return bytes(0, 2, update.length, ...update)
})()

describe('Yjs rooms under bad input', () => {
  const sql = testDb(2)
  let t: TestServer
  let cast: LessonCast
  let bystander: TestProvider
  let writes = 0

  beforeAll(async () => {
    t = await startTestServer()
    cast = await createLesson(sql)
    bystander = openProvider(t.server.port, cast.lessonId, cast.editor.token)
    await bystander.synced()
  })
  afterAll(async () => {
    bystander.destroy()
    await t.close()
    await sql.end()
  })

  /** The bystander in the same room still edits and hears back from another client. */
  async function stillServing() {
    const probe = openProvider(t.server.port, cast.lessonId, cast.owner.token)
    await probe.synced()
    const text = `still serving ${writes++}`
    addParagraph(bystander.doc, text)
    await waitFor(() => paragraphs(probe.doc).includes(text), 'the bystander’s edit to arrive')
    probe.destroy()
  }

  async function sendAndClose(frame: Uint8Array | string) {
    const c = rawClient(`${yjsUrl(t.server.port)}/lesson:${cast.lessonId}?token=${cast.owner.token}`)
    await c.opened
    c.send(frame)
    return c.closed
  }

  it.each([
    ['an empty frame', bytes()],
    ['a truncated varint', bytes(0x80)],
    ['a message type past 2^53', bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01)],
    ['an unknown message type', bytes(7, 0, 0)],
    ['an unknown sync message', bytes(0, 9, 0)],
    ['a huge length prefix', bytes(0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2, 3)],
    ['an update that does not decode', bytes(0, 2, 5, 0xff, 0xff, 0xff, 0xff, 0x0f)],
    ['an update announcing 2^25 structs', structBomb],
    ['a bad state vector', bytes(0, 0, 3, 0xff, 0xff, 0xff)],
    ['an awareness update that is not JSON', bytes(1, 6, 1, 1, 1, 2, 0x7b, 0x7b)],
  ])('closes with 4400 for %s and keeps serving the room', async (_name, frame) => {
    expect((await sendAndClose(frame)).code).toBe(CloseCode.MALFORMED)
    await stillServing()
  })

  it('closes with 4400 for a text frame', async () => {
    expect(await sendAndClose('hello')).toEqual({
      code: CloseCode.MALFORMED,
      reason: 'y-websocket frames are binary',
    })
  })

  it('closes with 1009 for a frame over the limit', async () => {
    expect((await sendAndClose(new Uint8Array(YJS_MAX_FRAME_BYTES + 1))).code).toBe(CloseCode.TOO_BIG)
    await stillServing()
  })

  it('caps what a socket may send before it is served (2 MiB), so big frames cannot pile up', async () => {
    // Authentication held for 300 ms: the frames arrive while the socket is not ready yet.
    const slow = await startTestServer({
      extensions: [{ name: 'slow', onAuthenticate: () => new Promise((r) => setTimeout(r, 300)) }],
    })
    try {
      const c = rawClient(`${yjsUrl(slow.server.port)}/lesson:${cast.lessonId}?token=${cast.owner.token}`)
      await c.opened
      for (let i = 0; i < 3; i++) c.send(new Uint8Array(1024 * 1024))
      expect((await c.closed).code).toBe(CloseCode.POLICY_VIOLATION)
    } finally {
      await slow.close()
    }
  })

  it('survives a stream of random frames from an editor and keeps the stored draft loadable', async () => {
    let seed = 42
    const random = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return seed / 0x7fffffff
    }
    const closes: number[] = []
    for (let socket = 0; socket < 8; socket++) {
      const c = rawClient(`${yjsUrl(t.server.port)}/lesson:${cast.lessonId}?token=${cast.editor.token}`)
      await c.served
      for (let i = 0; i < 50 && c.ws.readyState === c.ws.OPEN; i++) {
        const frame = Uint8Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
          random() < 0.3 ? 0xff : Math.floor(random() * 256),
        )
        // Mostly well-formed sync/awareness envelopes with garbage inside.
        if (random() < 0.7) frame[0] = Math.floor(random() * 2)
        if (frame[0] === 0 && random() < 0.7) frame[1] = 2
        c.send(frame)
      }
      c.ws.close()
      const { code } = await c.closed
      closes.push(code)
    }
    expect(closes.every((code) => [CloseCode.MALFORMED, 1000, 1005].includes(code as 1000))).toBe(true)
    await stillServing()
    await t.server.yjs!.persistence.flush()
    const stored = await t.server.yjs!.persistence.load(cast.lessonId)
    expect(stored.updates.length).toBeGreaterThan(0)
  })
})
