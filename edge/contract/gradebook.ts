import { z } from 'zod'

// The gradebook (issue 16): a course's students × its published quizzes and assignments, weighted
// categories with "drop the lowest", overrides with reasons, and a tutoring-attendance column as
// evidence. Students see their own row with released results only; parents their linked child's.

const Id = z.uuid()

export const GradebookCategory = z.object({
  id: Id,
  name: z.string(),
  weight: z.number(),
  drop_lowest: z.number().int(),
  item_ids: z.array(Id),
})
export type GradebookCategory = z.infer<typeof GradebookCategory>

export const GradebookItem = z.object({
  id: Id,
  kind: z.enum(['quiz', 'assignment']),
  title: z.string(),
  category_id: Id.nullable(),
  /** Past its due or closing time: a missing result counts as 0. */
  closed: z.boolean(),
  /** Results released to students. */
  released: z.boolean(),
  btec: z.boolean(),
})
export type GradebookItem = z.infer<typeof GradebookItem>

export const GradeOverride = z.object({ percent: z.number(), reason: z.string(), set_at: z.string() })
export type GradeOverride = z.infer<typeof GradeOverride>

export const GradebookCell = z.object({
  item_id: Id,
  /** What counts: the override, else points / max as a percentage; null when nothing counts yet. */
  percent: z.number().nullable(),
  points: z.number().nullable(),
  max_points: z.number().nullable(),
  btec_grade: z.string().nullable(),
  status: z.enum(['graded', 'missing', 'pending']),
  override: GradeOverride.nullable(),
})
export type GradebookCell = z.infer<typeof GradebookCell>

export const GradebookRow = z.object({
  user_id: Id,
  student_name: z.string(),
  cells: z.array(GradebookCell),
  categories: z.array(z.object({ category_id: Id, percent: z.number().nullable() })),
  total: z.number().nullable(),
  total_override: GradeOverride.nullable(),
  /** Tutoring sessions of this course the student booked that have ended, and those they were in. */
  attendance: z.object({ attended: z.number().int(), booked: z.number().int() }),
})
export type GradebookRow = z.infer<typeof GradebookRow>

export const Gradebook = z.object({
  course_id: Id,
  course_title: z.string(),
  categories: z.array(GradebookCategory),
  items: z.array(GradebookItem),
  rows: z.array(GradebookRow),
  /** The caller sets categories (editors) / overrides (graders). */
  can_edit: z.boolean(),
  can_override: z.boolean(),
})
export type Gradebook = z.infer<typeof Gradebook>

export const GradebookQuery = z.object({ student: Id.optional() })

export const CategoriesBody = z.strictObject({
  categories: z
    .array(
      z.strictObject({
        id: Id.optional(),
        name: z.string().trim().min(1, 'Name the category.').max(100),
        weight: z.number().min(0).max(100).multipleOf(0.01),
        drop_lowest: z.number().int().min(0).max(10).optional(),
        item_ids: z.array(Id).max(500),
      }),
    )
    .max(20)
    .refine(
      (cs) => cs.length === 0 || cs.reduce((n, c) => n + c.weight, 0) > 0,
      'Give at least one category some weight.',
    ),
})
export type CategoriesBody = z.infer<typeof CategoriesBody>

export const OverrideBody = z.strictObject({
  user_id: Id,
  /** A quiz's or assignment's id, or "total" for the course total. */
  item: z.union([Id, z.literal('total')]),
  /** null removes the override. */
  percent: z.number().min(0).max(100).multipleOf(0.01).nullable(),
  reason: z.string().trim().min(1, 'Say why.').max(500).optional(),
})
export type OverrideBody = z.infer<typeof OverrideBody>
