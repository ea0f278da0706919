// What the measured pages need beyond the seed: a free course with a published lesson that the
// demo student is enrolled in, and a ticket of theirs. Made through the API, as the app does; the
// lesson's text goes in through the realtime server, as the editor writes it.
import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { h, p, tiptapDoc } from '../../support/lesson-docs.ts'

const TENANT = { id: '10000000-0000-4000-a000-000000000001', slug: 'demo-academy' }
export const DEMO_PASSWORD = 'kipindi-demo-1'
export const STUDENT = 'student1@demo.kipindi.test'
export const INSTRUCTOR = 'instructor1@demo.kipindi.test'

interface Session {
  token: string
  userId: string
}

async function signIn(url: string, anonKey: string, email: string): Promise<Session> {
  const res = await fetch(`${url}/auth/v1/token?grant_type=password`, {
    method: 'POST',
    headers: { apikey: anonKey, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  })
  const body = (await res.json()) as { access_token?: string; user?: { id: string } }
  if (!res.ok || !body.access_token || !body.user) throw new Error(`sign-in of ${email}: ${res.status}`)
  return { token: body.access_token, userId: body.user.id }
}

function caller(url: string, anonKey: string, session: Session) {
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/functions/v1/api${path}`, {
      method,
      headers: {
        apikey: anonKey,
        authorization: `Bearer ${session.token}`,
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }
}

const LESSON_TEXT = tiptapDoc(
  h(2, 'A fraction is a part of a whole'),
  p('Cut a chapati into four equal pieces. Each piece is one quarter of the chapati: we write it 1/4.'),
  p(
    'The number below the line says how many equal parts the whole has; the number above says how many of them we take.',
  ),
  p('Three pieces out of four are 3/4. Two pieces out of four are 2/4, which is the same amount as 1/2.'),
)

/** Writes the lesson's draft through the realtime server (the y-websocket protocol), as the editor does. */
async function writeLesson(url: string, token: string, lessonId: string): Promise<void> {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(
    `${url.replace(/^http/, 'ws')}/realtime/v1/yjs`,
    `lesson:${lessonId}`,
    doc,
    {
      params: { token },
      WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    },
  )
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the lesson draft did not sync in 20 s')), 20_000)
      provider.once('sync', () => {
        clearTimeout(timer)
        resolve()
      })
    })
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(LESSON_TEXT))
    await new Promise((r) => setTimeout(r, 1000)) // the server appends it as it arrives
  } finally {
    provider.destroy()
    doc.destroy()
  }
}

/** The anon key the stack gives the browser (inline in index.html, or /config.json). */
async function anonKeyOf(url: string): Promise<string> {
  const config = (await (await fetch(`${url}/config.json`)).json()) as { anonKey: string }
  return config.anonKey
}

export interface BenchPages {
  landing: string
  signIn: string
  studentHome: string
  course: string
  lesson: string
  sessions: string
  ticket: string
  editor: string
}

/**
 * Creates the course, lesson and ticket through the API at `url`; answers the URL of each measured
 * page on `origin` (the stack's HTTPS origin, when it has one).
 */
export async function setupPages(url: string, origin = url): Promise<BenchPages> {
  const anonKey = await anonKeyOf(url)
  const teacher = await signIn(url, anonKey, INSTRUCTOR)
  const student = await signIn(url, anonKey, STUDENT)
  const asTeacher = caller(url, anonKey, teacher)
  const asStudent = caller(url, anonKey, student)
  const course = await asTeacher<{ id: string }>('POST', `/tenants/${TENANT.id}/courses`, {
    title: 'Fractions for Grade 6',
    summary: 'Halves, thirds and quarters, with pictures and practice.',
    is_free: true,
  })
  const module = await asTeacher<{ id: string }>('POST', `/courses/${course.id}/modules`, {
    title: 'Parts of a whole',
  })
  const lesson = await asTeacher<{ id: string }>('POST', `/courses/${course.id}/lessons`, {
    title: 'What is a fraction?',
    module_id: module.id,
  })
  await writeLesson(url, teacher.token, lesson.id)
  await asTeacher('POST', `/lessons/${lesson.id}/publish`, { note: 'First version' })
  await asTeacher('POST', `/courses/${course.id}/enrolments`, { user_id: student.userId })
  const ticket = await asStudent<{ id: string }>('POST', `/tenants/${TENANT.id}/tickets`, {
    subject: 'I cannot open the fractions quiz',
    category: 'technical',
    body: 'The quiz page stays empty on my phone. Can you help?',
  })
  const school = `${origin}/t/${TENANT.slug}`
  return {
    landing: `${origin}/`,
    signIn: `${origin}/signin`,
    studentHome: school,
    course: `${school}/courses/${course.id}`,
    lesson: `${school}/lessons/${lesson.id}`,
    sessions: `${school}/sessions`,
    ticket: `${school}/support/${ticket.id}`,
    editor: `${school}/lessons/${lesson.id}/edit`,
  }
}
