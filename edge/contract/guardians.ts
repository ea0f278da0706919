// Parent–child links: a school's admins link a parent member to a student member; the parent then
// sees the child and may buy courses for them. Bodies and answers of the api function's endpoints.
import { z } from 'zod'
import { Email } from './tenancy.ts'

const Id = z.uuid('Use a user id.')

/** One of the caller's linked children, with the school's courses they are enrolled in. */
export const Child = z.object({
  user_id: Id,
  display_name: z.string(),
  /** The school's courses the child is enrolled in (the pay page says "already has it"). */
  course_ids: z.array(Id),
  /** The same courses with their titles, by title (the links to the child's grades). */
  courses: z.array(z.object({ id: Id, title: z.string() })),
})
export type Child = z.infer<typeof Child>
export const ChildList = z.array(Child)

/** A link as admins see it, with both names. */
export const GuardianLink = z.object({
  parent_id: Id,
  parent_name: z.string(),
  student_id: Id,
  student_name: z.string(),
  created_at: z.string(),
})
export type GuardianLink = z.infer<typeof GuardianLink>
export const GuardianLinkList = z.array(GuardianLink)

/** Filters of the admins' list: one parent's children, or one student's parents (or all links). */
export const GuardianLinkQuery = z.strictObject({ parent_id: Id.optional(), student_id: Id.optional() })

export const CreateGuardianLinkBody = z.strictObject({
  parent_id: z.uuid('Choose a parent.'),
  student_id: z.uuid('Choose a student.'),
})
export type CreateGuardianLinkBody = z.infer<typeof CreateGuardianLinkBody>

// Link invitations (an admin or the student invites a parent; the parent accepts) and a parent's
// read-only view of one linked child.

/**
 * An invitation for a parent to be linked to a child: admins give the child and an email or an
 * existing parent member; a student gives their own id and their parent's email.
 */
export const CreateGuardianInvitationBody = z
  .strictObject({
    student_id: z.uuid('Choose a student.'),
    email: Email.optional(),
    parent_id: z.uuid('Choose a parent.').optional(),
  })
  .refine((b) => (b.email === undefined) !== (b.parent_id === undefined), {
    message: 'Give either the parent’s email or an existing parent.',
    path: ['email'],
  })
export type CreateGuardianInvitationBody = z.infer<typeof CreateGuardianInvitationBody>

export const GuardianInvitationStatus = z.enum(['pending', 'accepted', 'expired'])

/** A guardian invitation as admins, the child and its sender see it. */
export const GuardianInvitation = z.object({
  id: z.uuid(),
  tenant_id: z.uuid(),
  student_id: z.uuid(),
  student_name: z.string(),
  email: z.string(),
  parent_id: z.uuid().nullable(),
  invited_as: z.enum(['admin', 'student']),
  status: GuardianInvitationStatus,
  expires_at: z.string(),
  accepted_at: z.string().nullable(),
  created_at: z.string(),
})
export type GuardianInvitation = z.infer<typeof GuardianInvitation>
export const GuardianInvitationList = z.array(GuardianInvitation)

/** A new invitation with its link, shown once so it can also be shared by hand. */
export const CreatedGuardianInvitation = GuardianInvitation.extend({ invite_url: z.string() })
export type CreatedGuardianInvitation = z.infer<typeof CreatedGuardianInvitation>

/** Filter of the list: one student's invitations. */
export const GuardianInvitationQuery = z.strictObject({ student_id: Id.optional() })

export const GuardianInvitationToken = z.strictObject({
  token: z
    .string()
    .min(1, 'The invitation link is incomplete.')
    .max(200, 'The invitation link is not valid.'),
})

/** What a guardian invitation link is for, before signing in. */
export const GuardianInvitationPreview = z.object({
  tenant_name: z.string(),
  tenant_slug: z.string(),
  student_name: z.string(),
  email: z.string(),
  inviter_name: z.string().nullable(),
  status: GuardianInvitationStatus,
  expires_at: z.string(),
})
export type GuardianInvitationPreview = z.infer<typeof GuardianInvitationPreview>

/** The link made by accepting: the school and the child. */
export const AcceptedGuardianInvitation = z.object({
  tenant_id: z.uuid(),
  tenant_name: z.string(),
  tenant_slug: z.string(),
  student_id: z.uuid(),
  student_name: z.string(),
})
export type AcceptedGuardianInvitation = z.infer<typeof AcceptedGuardianInvitation>

/** One of the child's courses with progress by the course's completion rules. */
export const ChildCourse = z.object({
  course_id: z.uuid(),
  title: z.string(),
  enrolled_at: z.string(),
  lessons_published: z.number().int(),
  lessons_done: z.number().int(),
  assessments_total: z.number().int(),
  assessments_passed: z.number().int(),
  percent: z.number().int(),
  complete: z.boolean(),
})
export type ChildCourse = z.infer<typeof ChildCourse>

/** A released result: a quiz's best attempt or an assignment's grade. */
export const ChildGrade = z.object({
  course_id: z.uuid(),
  course_title: z.string(),
  kind: z.enum(['quiz', 'assignment']),
  item_id: z.uuid(),
  title: z.string(),
  points: z.number().nullable(),
  max_points: z.number().nullable(),
  btec_grade: z.string().nullable(),
  released_at: z.string().nullable(),
})
export type ChildGrade = z.infer<typeof ChildGrade>

/** A tutoring session the child booked that has not ended. */
export const ChildSession = z.object({
  id: z.uuid(),
  title: z.string(),
  starts_at: z.string(),
  duration_minutes: z.number().int(),
  status: z.enum(['scheduled', 'live']),
  course_id: z.uuid().nullable(),
  course_title: z.string().nullable(),
  tutor_name: z.string(),
})
export type ChildSession = z.infer<typeof ChildSession>

/** A parent's read-only view of a linked child. */
export const ChildOverview = z.object({
  child: z.object({ user_id: z.uuid(), display_name: z.string() }),
  courses: z.array(ChildCourse),
  grades: z.array(ChildGrade),
  upcoming_sessions: z.array(ChildSession),
  /** Past booked sessions (not cancelled): how many, how many attended, and the last ten. */
  attendance: z.object({
    sessions: z.number().int(),
    attended: z.number().int(),
    recent: z.array(
      z.object({ session_id: z.uuid(), title: z.string(), starts_at: z.string(), attended: z.boolean() }),
    ),
  }),
  /** The AI tutor's flags on the child's conversations: how many and when last (no transcripts). */
  tutor_flags: z.object({ count: z.number().int(), last_flagged_at: z.string().nullable() }),
})
export type ChildOverview = z.infer<typeof ChildOverview>
