// Parent–child links: a school's admins link a parent member to a student member; the parent then
// sees the child and may buy courses for them. Bodies and answers of the api function's endpoints.
import { z } from 'zod'

const Id = z.uuid('Use a user id.')

/** One of the caller's linked children, with the school's courses they are enrolled in. */
export const Child = z.object({
  user_id: Id,
  display_name: z.string(),
  /** The school's courses the child is enrolled in (the pay page says "already has it"). */
  course_ids: z.array(Id),
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
