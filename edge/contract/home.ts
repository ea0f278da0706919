import { z } from 'zod'
import { TicketStatus } from './support.ts'
import { Session } from './tutoring.ts'

// What a person's home page in a school shows: the answers of the api function's home endpoints,
// one request per home (each section is what that person does next, not counts of the school).

const Id = z.uuid()
const Timestamp = z.string()

/** An enrolled course with how far the student is through its published lessons. */
export const HomeCourse = z.object({
  id: Id,
  title: z.string(),
  level: z.string(),
  learning_area: z.string(),
  cover_image_url: z.string().nullable(),
  /** Published lessons in the course. */
  lesson_count: z.number().int(),
  /** Of those, the ones the student marked done. */
  done_count: z.number().int(),
  /** The first published lesson in course order not marked done (null when every one is done). */
  next_lesson: z.object({ id: Id, title: z.string() }).nullable(),
  /** When the student last opened a lesson of the course (null: never). */
  last_read_at: Timestamp.nullable(),
})
export type HomeCourse = z.infer<typeof HomeCourse>

/** One of the student's own tickets, with whether a reply came since they last looked. */
export const HomeTicket = z.object({
  id: Id,
  number: z.number().int(),
  subject: z.string(),
  status: TicketStatus,
  last_message_at: Timestamp.nullable(),
  /** The latest public message is from someone else and newer than the student's last read. */
  unread_reply: z.boolean(),
})
export type HomeTicket = z.infer<typeof HomeTicket>

/** A student's home: their courses, their next sessions, their recent tickets. */
export const StudentHome = z.object({
  /** Enrolled courses, the most recently read first, then by title. */
  courses: z.array(HomeCourse),
  /** Sessions the student booked that have not ended (nor been cancelled), soonest first, at most 5. */
  sessions: z.array(Session),
  /** The student's tickets, latest activity first, at most 5 (closed ones only from the last 14 days). */
  tickets: z.array(HomeTicket),
})
export type StudentHome = z.infer<typeof StudentHome>
