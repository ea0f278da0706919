import { z } from 'zod'
import { AuthorRole } from './courses.ts'
import { Ticket, TicketStatus } from './support.ts'
import { MemberCounts } from './tenancy.ts'
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

/** A course the teacher writes (co-author), with where it stands. */
export const TeacherCourse = z.object({
  id: Id,
  title: z.string(),
  level: z.string(),
  learning_area: z.string(),
  author_role: AuthorRole,
  /** All lessons, published or not. */
  lesson_count: z.number().int(),
  /** Lessons with a published version. */
  published_count: z.number().int(),
  /** Students enrolled. */
  student_count: z.number().int(),
})
export type TeacherCourse = z.infer<typeof TeacherCourse>

/** A lesson whose draft students do not see yet: never published, or changed since its last version. */
export const TeacherDraft = z.object({
  lesson_id: Id,
  lesson_title: z.string(),
  course_id: Id,
  course_title: z.string(),
  /** The latest published version (null: never published). */
  published_version: z.number().int().nullable(),
  /** When the draft last changed. */
  changed_at: Timestamp,
})
export type TeacherDraft = z.infer<typeof TeacherDraft>

/** One of the teacher's rooms with people in its waiting room now. */
export const WaitingRoom = z.object({
  session_id: Id,
  title: z.string(),
  waiting: z.number().int(),
})
export type WaitingRoom = z.infer<typeof WaitingRoom>

/** A lesson of the teacher's courses that co-authors have open for editing now. */
export const EditingNow = z.object({
  lesson_id: Id,
  lesson_title: z.string(),
  course_id: Id,
  course_title: z.string(),
  /** The co-authors editing it (not the caller), by name. */
  people: z.array(z.object({ user_id: Id, name: z.string() })),
})
export type EditingNow = z.infer<typeof EditingNow>

/** A teacher's home: courses they write, drafts to publish, sessions they teach, people waiting. */
export const TeacherHome = z.object({
  /** Courses the caller co-authors, by title. */
  courses: z.array(TeacherCourse),
  /** Drafts ahead of what students see, most recently changed first, at most 5. */
  drafts: z.array(TeacherDraft),
  /** Sessions the caller teaches that have not ended (nor been cancelled), soonest first, at most 5. */
  sessions: z.array(Session),
  /** The caller's sessions with someone in the waiting room now. */
  waiting: z.array(WaitingRoom),
  /** Lessons co-authors are editing now (the realtime server's presence, seen in the last 3 minutes). */
  editing_now: z.array(EditingNow).optional(),
})
export type TeacherHome = z.infer<typeof TeacherHome>

/** A support agent's home: the queue at a glance and their own tickets. */
export const StaffHome = z.object({
  /** Tickets not resolved or closed, by status. */
  open: z.number().int(),
  pending: z.number().int(),
  /** Of those not resolved or closed: nobody assigned. */
  unassigned: z.number().int(),
  /** Of those not resolved or closed: an SLA clock breached, or in its warning time. */
  breached: z.number().int(),
  warning: z.number().int(),
  /** Tickets assigned to the caller, not resolved or closed, the soonest SLA due first, at most 5. */
  mine: z.array(Ticket),
})
export type StaffHome = z.infer<typeof StaffHome>

/** An owner's or admin's home: the school's health this week. */
export const AdminHome = z.object({
  members: MemberCounts,
  /** Invitations sent and not yet accepted (nor expired). */
  pending_invitations: z.number().int(),
  /** Students who opened a lesson or were in a session in the last 7 days. */
  active_students_7d: z.number().int(),
  /** Sessions that ended in the last 7 days, and sessions scheduled in the next 7 days. */
  sessions_held_7d: z.number().int(),
  sessions_next_7d: z.number().int(),
  /** Tickets not resolved or closed, and of those the ones with a breached SLA clock. */
  open_tickets: z.number().int(),
  breached_tickets: z.number().int(),
  /** Bytes the school's files take, and its storage limit. */
  storage_used_bytes: z.number().int(),
  storage_limit_bytes: z.number().int(),
})
export type AdminHome = z.infer<typeof AdminHome>
