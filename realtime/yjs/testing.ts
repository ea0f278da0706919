// Helpers for the Yjs tests: a lesson with its cast of users, stock y-websocket providers in Node,
// and a raw socket for frames no stock client would send.
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Sql } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, unique } from '../../test/support/fixtures.ts'
import { YJS_PATH } from './protocol.ts'

/** A lesson in a course of a school, with an editor, a viewer and an outsider besides the owner. */
export interface LessonCast {
  tenantId: string
  courseId: string
  lessonId: string
  /** School owner and course creator (an editor). */
  owner: TestUser
  /** Instructor added as co-author with role editor. */
  editor: TestUser
  /** Instructor added as co-author with role viewer. */
  viewer: TestUser
  /** A student of the same school: no access to drafts. */
  student: TestUser
}

/** Creates the school, course, lesson and users (as the superuser). */
export async function createLesson(sql: Sql): Promise<LessonCast> {
  const [owner, editor, viewer, student] = await Promise.all([
    createUser(sql, { name: 'Owner' }),
    createUser(sql, { name: 'Editor' }),
    createUser(sql, { name: 'Viewer' }),
    createUser(sql, { name: 'Student' }),
  ])
  const tenant = await createTenant(sql, owner, [
    [editor, 'instructor'],
    [viewer, 'instructor'],
    [student, 'student'],
  ])
  const [course] = await sql`
    insert into public.courses (tenant_id, title, created_by) values (${tenant.id}, ${unique('Course ')}, ${owner.id})
    returning id`
  await sql`insert into public.course_authors (course_id, user_id, role, added_by) values
    (${course.id}, ${editor.id}, 'editor', ${owner.id}), (${course.id}, ${viewer.id}, 'viewer', ${owner.id})`
  const [lessonId] = await addLessons(sql, course.id, owner, 1)
  return { tenantId: tenant.id, courseId: course.id, lessonId, owner, editor, viewer, student }
}

/** Adds `count` lessons to a course; returns their ids. */
export async function addLessons(sql: Sql, courseId: string, creator: TestUser, count: number) {
  const rows = await sql`
    insert into public.lessons (course_id, title, position, created_by)
    select ${courseId}, 'Lesson ' || n, n, ${creator.id} from generate_series(1, ${count}) as n
    returning id`
  return rows.map((r) => r.id as string)
}

/** The y-websocket server URL of a realtime server (the provider appends the room name). */
export const yjsUrl = (port: number) => `ws://127.0.0.1:${port}${YJS_PATH}`

export interface TestProvider {
  doc: Y.Doc
  provider: WebsocketProvider
  /** Resolves once the provider has synced with the server (again after each reconnect). */
  synced(): Promise<void>
  /** Resolves with the code of the next close the server sends. */
  nextClose(): Promise<{ code: number; reason: string }>
  destroy(): void
}

/** A stock y-websocket provider in Node, as a browser tab would open it. */
export function openProvider(
  port: number,
  lessonId: string,
  token: string,
  opts: { doc?: Y.Doc; maxBackoffTime?: number; connect?: boolean } = {},
): TestProvider {
  const doc = opts.doc ?? new Y.Doc()
  const provider = new WebsocketProvider(yjsUrl(port), `lesson:${lessonId}`, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: { token },
    disableBc: true,
    maxBackoffTime: opts.maxBackoffTime ?? 300,
    connect: opts.connect ?? true,
  })
  return {
    doc,
    provider,
    synced: () =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve) => {
            const on = (state: boolean) => {
              if (!state) return
              provider.off('sync', on)
              resolve()
            }
            provider.on('sync', on)
          }),
    nextClose: () =>
      new Promise((resolve) => {
        const on = (event: { code: number; reason: string } | null) => {
          if (!event) return
          provider.off('connection-close', on)
          resolve({ code: event.code, reason: event.reason })
        }
        provider.on('connection-close', on)
      }),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Polls until `check` is true; fails with `what` after `timeoutMs`. */
export async function waitFor(check: () => unknown, what = 'condition', timeoutMs = 10_000, everyMs = 20) {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A sync frame carrying a Yjs update (message 0, sync type 2). */
export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 2)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** A sync step 1 frame for an empty document (asks for everything). */
export function step1Frame(doc = new Y.Doc()): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint(e, 0)
  encoding.writeVarUint8Array(e, Y.encodeStateVector(doc))
  return encoding.toUint8Array(e)
}

export interface RawClient {
  ws: WebSocket
  opened: Promise<void>
  /** Resolves at the server's first frame (its sync step 1): the room has loaded. */
  served: Promise<void>
  closed: Promise<{ code: number; reason: string }>
  /** Every document update the server sent (step 2 and updates), applied to this doc. */
  doc: Y.Doc
  send(frame: Uint8Array | string): void
}

/** A bare `ws` socket speaking just enough y-websocket to read the document. */
export function rawClient(url: string): RawClient {
  const ws = new WebSocket(url)
  const doc = new Y.Doc()
  let onServed: () => void = () => {}
  const served = new Promise<void>((resolve) => {
    onServed = resolve
  })
  ws.on('error', () => {})
  ws.on('message', (data: Buffer) => {
    onServed()
    try {
      const d = decoding.createDecoder(new Uint8Array(data))
      if (decoding.readVarUint(d) !== 0) return
      const type = decoding.readVarUint(d)
      if (type === 1 || type === 2) Y.applyUpdate(doc, decoding.readVarUint8Array(d))
    } catch {}
  })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('close', (code) => reject(new Error(`closed ${code} before opening`)))
  })
  opened.catch(() => {})
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  )
  return {
    ws,
    opened,
    served,
    closed,
    doc,
    send(frame) {
      const go = () => ws.send(frame)
      if (ws.readyState === WebSocket.OPEN) go()
      else ws.once('open', go)
    },
  }
}

/** True when two documents encode to byte-identical state (fast for big documents, unlike toEqual). */
export function sameState(a: Y.Doc, b: Y.Doc): boolean {
  return Buffer.from(Y.encodeStateAsUpdate(a)).equals(Buffer.from(Y.encodeStateAsUpdate(b)))
}

/** The text of every paragraph in the lesson body (`content`, a Y.XmlFragment). */
export function paragraphs(doc: Y.Doc): string[] {
  return doc
    .getXmlFragment('content')
    .toArray()
    .map((node) => (node instanceof Y.XmlElement ? node.toArray().map(String).join('') : ''))
}

/** Appends a paragraph with `text` to the lesson body, as the editor would. */
export function addParagraph(doc: Y.Doc, text: string) {
  const p = new Y.XmlElement('paragraph')
  p.insert(0, [new Y.XmlText(text)])
  doc.getXmlFragment('content').push([p])
}
