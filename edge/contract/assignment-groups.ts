import { z } from 'zod'

// Group assignments (issue 16: "submission … group or individual"): the groups of an assignment and
// their members, one submission per group graded once for every member. And where a quiz or an
// assignment sits in its course's outline (a module and a position among its assessments).

/** individual: each student submits; group: each group submits once for all its members. */
export const ASSIGNMENT_MODES = ['individual', 'group'] as const
export type AssignmentMode = (typeof ASSIGNMENT_MODES)[number]

export const GROUP_LIMITS = { name: 100, groupSize: 20 } as const

const Id = z.uuid()
const Stamp = z.string()

// Section: the outline

/** Settings fields of a quiz or an assignment: its module (null: under the outline) and position. */
export const OutlinePlaceBody = z.strictObject({
  module_id: Id.nullable().optional(),
  position: z.number().int().min(0).max(10000).optional(),
})
export const OutlinePlace = z.object({ module_id: Id.nullable(), position: z.number().int() })

// Section: groups

const GroupName = z
  .string()
  .trim()
  .min(1, 'Name the group.')
  .max(GROUP_LIMITS.name, `Use at most ${GROUP_LIMITS.name} characters.`)

export const GroupMember = z.object({ user_id: Id, name: z.string() })
export type GroupMember = z.infer<typeof GroupMember>

export const GroupSubmissionState = z.object({
  id: Id,
  submitted_at: Stamp,
  late: z.boolean(),
  version: z.number().int(),
  graded: z.boolean(),
})

export const AssignmentGroup = z.object({
  id: Id,
  name: z.string(),
  members: z.array(GroupMember),
  /** The group's submission (teachers and the group's members); null before it hands in. */
  submission: GroupSubmissionState.nullable(),
})
export type AssignmentGroup = z.infer<typeof AssignmentGroup>

export const AssignmentGroups = z.object({
  assignment_id: Id,
  mode: z.enum(ASSIGNMENT_MODES),
  /** Teachers see every group; a student only their own (none when not in one). */
  groups: z.array(AssignmentGroup),
  /** Teachers: enrolled students in no group. Empty for students. */
  unassigned: z.array(GroupMember),
  /** The caller makes and changes the groups (the course's editors). */
  can_manage: z.boolean(),
})
export type AssignmentGroups = z.infer<typeof AssignmentGroups>

export const GroupBody = z.strictObject({ name: GroupName })
export type GroupBody = z.infer<typeof GroupBody>

/** Put a student in a group of the assignment (moving them from another), or in none (null). */
export const GroupMemberBody = z.strictObject({ user_id: Id, group_id: Id.nullable() })
export type GroupMemberBody = z.infer<typeof GroupMemberBody>

/** Replace the groups with random groups of at most `size` students (only before any hands in). */
export const RandomGroupsBody = z.strictObject({
  size: z.number().int().min(2, 'Make groups of at least 2.').max(GROUP_LIMITS.groupSize),
  /** Groups are named "<prefix> 1", "<prefix> 2"…; "Group" unless given (the page sends its language's word). */
  prefix: z
    .string()
    .trim()
    .min(1)
    .max(GROUP_LIMITS.name - 5)
    .optional(),
})
export type RandomGroupsBody = z.infer<typeof RandomGroupsBody>
