import { z } from 'zod'
import { ASSIGNMENT_LIMITS, BTEC_GRADES, LATE_POLICIES, RUBRIC_KINDS } from './assessments-values.ts'
import { ASSIGNMENT_MODES, OutlinePlace, OutlinePlaceBody } from './assignment-groups.ts'
import { Title } from './courses.ts'

// Assignments (issue 16): instructions, a due time and late policy, submissions as text or files,
// rubrics (points or BTEC criteria) reused across a school, grading against the rubric, release,
// and the history of every grade change.

export {
  ASSIGNMENT_LIMITS,
  BTEC_GRADES,
  LATE_POLICIES,
  RUBRIC_KINDS,
  SUBMISSION_BUCKET,
  SUBMISSION_FILE_TYPES,
} from './assessments-values.ts'

const Id = z.uuid()
const Stamp = z.string()
const text = (max: number) => z.string().trim().max(max, `Use at most ${max} characters.`)
const Points = z
  .number()
  .min(0)
  .max(ASSIGNMENT_LIMITS.maxPoints)
  .multipleOf(0.01, 'Use at most two decimals.')
const Key = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'Use letters, digits, - or _.')

// Section: rubrics

const LevelInput = z.strictObject({
  id: Key.optional(),
  title: text(200).min(1, 'Name the level.'),
  points: Points,
})
const PointsCriterionInput = z.strictObject({
  id: Key.optional(),
  title: text(ASSIGNMENT_LIMITS.criterionText).min(1, 'Name the criterion.'),
  description: text(ASSIGNMENT_LIMITS.criterionText).optional(),
  levels: z.array(LevelInput).min(2, 'Give at least two levels.').max(ASSIGNMENT_LIMITS.levels),
})
/** BTEC criteria are named P1, P2…, M1…, D1…; their grade band is the letter. */
const BtecCriterionInput = z.strictObject({
  id: Key.optional(),
  code: z.string().regex(/^[PMD][1-9][0-9]?$/, 'Use P1, M1, D1 and so on.'),
  description: text(ASSIGNMENT_LIMITS.criterionText).min(1, 'Describe the criterion.'),
})

export const RubricBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('points'),
    title: Title,
    criteria: z.array(PointsCriterionInput).min(1, 'Add a criterion.').max(ASSIGNMENT_LIMITS.criteria),
  }),
  z.strictObject({
    kind: z.literal('btec'),
    title: Title,
    criteria: z
      .array(BtecCriterionInput)
      .min(1, 'Add a criterion.')
      .max(ASSIGNMENT_LIMITS.criteria)
      .refine((cs) => cs.some((c) => c.code.startsWith('P')), 'Add at least one Pass criterion (P1).')
      .refine((cs) => new Set(cs.map((c) => c.code)).size === cs.length, 'Use each code once.'),
  }),
])
export type RubricBody = z.infer<typeof RubricBody>

export const RubricLevel = z.object({ id: z.string(), title: z.string(), points: z.number() })
export const RubricCriterion = z.object({
  id: z.string(),
  /** points rubrics */
  title: z.string().optional(),
  description: z.string().optional(),
  levels: z.array(RubricLevel).optional(),
  /** btec rubrics */
  code: z.string().optional(),
})
export type RubricCriterion = z.infer<typeof RubricCriterion>

export const Rubric = z.object({
  id: Id,
  tenant_id: Id,
  kind: z.enum(RUBRIC_KINDS),
  title: z.string(),
  criteria: z.array(RubricCriterion),
  /** Highest score (points rubrics; 0 for BTEC). */
  max_points: z.number(),
  used_by: z.number().int(),
  created_at: Stamp,
  updated_at: Stamp,
})
export type Rubric = z.infer<typeof Rubric>
export const RubricList = z.object({ items: z.array(Rubric) })

// Section: assignments

export const CreateAssignmentBody = z.strictObject({ title: Title })

export const AssignmentSettingsBody = z.strictObject({
  title: Title.optional(),
  instructions: text(ASSIGNMENT_LIMITS.instructions).optional(),
  due_at: z.iso.datetime({ offset: true }).nullable().optional(),
  late_policy: z.enum(LATE_POLICIES).optional(),
  late_penalty_percent: z.number().int().min(0).max(100).optional(),
  allow_text: z.boolean().optional(),
  allow_files: z.boolean().optional(),
  /** A rubric of the school; null grades with points out of `max_points`. */
  rubric_id: Id.nullable().optional(),
  max_points: Points.min(1).optional(),
  published: z.boolean().optional(),
  ...OutlinePlaceBody.shape,
  /** Each student alone, or groups handing in one submission for all their members. */
  mode: z.enum(ASSIGNMENT_MODES).optional(),
})
export type AssignmentSettingsBody = z.infer<typeof AssignmentSettingsBody>

export const SubmissionFile = z.object({
  path: z.string(),
  name: z.string(),
  size: z.number(),
  type: z.string(),
})
export type SubmissionFile = z.infer<typeof SubmissionFile>

/** A criterion's outcome: a level (points rubrics) or achieved / not yet (BTEC), with feedback. */
export const CriterionGrade = z.strictObject({
  criterion_id: z.string().max(40),
  level_id: z.string().max(40).nullable().optional(),
  achieved: z.boolean().optional(),
  feedback: text(ASSIGNMENT_LIMITS.feedback).optional(),
})
export type CriterionGrade = z.infer<typeof CriterionGrade>

export const Grade = z.object({
  criteria: z.array(CriterionGrade),
  /** Points before any late penalty (points rubrics and rubric-less assignments). */
  raw_points: z.number().nullable(),
  /** After the late penalty. */
  points: z.number().nullable(),
  max_points: z.number().nullable(),
  btec_grade: z.enum(BTEC_GRADES).nullable(),
  feedback: z.string(),
  graded_by_name: z.string().nullable(),
  graded_at: Stamp,
})
export type Grade = z.infer<typeof Grade>

export const GradeChange = z.object({
  changed_at: Stamp,
  changed_by_name: z.string().nullable(),
  before: z.object({ points: z.number().nullable(), btec_grade: z.string().nullable() }).nullable(),
  after: z.object({ points: z.number().nullable(), btec_grade: z.string().nullable() }),
})
export type GradeChange = z.infer<typeof GradeChange>

export const Submission = z.object({
  id: Id,
  assignment_id: Id,
  user_id: Id,
  student_name: z.string(),
  body: z.string(),
  files: z.array(SubmissionFile),
  version: z.number().int(),
  submitted_at: Stamp,
  late: z.boolean(),
  /** Teachers always; the student once results are released. */
  grade: Grade.nullable(),
  history: z.array(GradeChange),
})
export type Submission = z.infer<typeof Submission>

export const Assignment = z.object({
  id: Id,
  course_id: Id,
  tenant_id: Id,
  title: z.string(),
  instructions: z.string(),
  due_at: Stamp.nullable(),
  late_policy: z.enum(LATE_POLICIES),
  late_penalty_percent: z.number().int(),
  allow_text: z.boolean(),
  allow_files: z.boolean(),
  rubric: Rubric.nullable(),
  max_points: z.number(),
  published_at: Stamp.nullable(),
  results_released_at: Stamp.nullable(),
  mode: z.enum(ASSIGNMENT_MODES),
  ...OutlinePlace.shape,
  created_at: Stamp,
  updated_at: Stamp,
  /** Students: their submission (graded once released). Null for teachers and before submitting. */
  my_submission: Submission.nullable(),
  /** Teachers: submissions in, and graded. */
  counts: z.object({ submitted: z.number().int(), graded: z.number().int() }).nullable(),
})
export type Assignment = z.infer<typeof Assignment>

export const AssignmentList = z.object({ items: z.array(Assignment), can_edit: z.boolean() })

export const SubmitBody = z
  .strictObject({
    body: text(ASSIGNMENT_LIMITS.body).optional(),
    /** Paths of the student's own uploads: assignment-files/<school>/<assignment>/<student>/<file>. */
    files: z
      .array(z.strictObject({ path: z.string().max(1024), name: text(200).optional() }))
      .max(ASSIGNMENT_LIMITS.files)
      .optional(),
  })
  .refine(
    (b) => (b.body ?? '').trim().length > 0 || (b.files ?? []).length > 0,
    'Write something or attach a file.',
  )
export type SubmitBody = z.infer<typeof SubmitBody>

export const SubmissionRow = z.object({
  id: Id,
  user_id: Id,
  student_name: z.string(),
  submitted_at: Stamp,
  late: z.boolean(),
  version: z.number().int(),
  graded: z.boolean(),
  points: z.number().nullable(),
  btec_grade: z.string().nullable(),
})
export const SubmissionList = z.object({
  assignment: Assignment,
  items: z.array(SubmissionRow),
  /** Enrolled students with nothing submitted. */
  missing: z.array(z.object({ user_id: Id, student_name: z.string() })),
})
export type SubmissionList = z.infer<typeof SubmissionList>

export const GradeBody = z.strictObject({
  criteria: z.array(CriterionGrade).max(ASSIGNMENT_LIMITS.criteria).optional(),
  /** Without a rubric: the points out of the assignment's max_points. */
  points: Points.optional(),
  feedback: text(ASSIGNMENT_LIMITS.feedback).optional(),
})
export type GradeBody = z.infer<typeof GradeBody>
