// Classes (a school's groups of students with class teachers) and the bulk import of students from
// a CSV the web parses. Bodies and answers of the api function's endpoints.
import { z } from 'zod'

const Id = z.uuid()

/** A class name as people type it ("Grade 7 East"): trimmed, 1 to 80 characters. */
export const ClassName = z
  .string()
  .trim()
  .min(1, 'Give the class a name.')
  .max(80, 'Use at most 80 characters.')
const GradeLevel = z.string().trim().max(40, 'Use at most 40 characters.')

/** A class in the list: its size and teachers' names. */
export const ClassSummary = z.object({
  id: Id,
  name: z.string(),
  grade_level: z.string().nullable(),
  student_count: z.number().int(),
  pending_count: z.number().int(),
  teacher_names: z.array(z.string()),
  created_at: z.string(),
})
export type ClassSummary = z.infer<typeof ClassSummary>
export const ClassList = z.array(ClassSummary)

/** A person in a class (a student or a class teacher). */
export const ClassPerson = z.object({ user_id: Id, display_name: z.string() })
export type ClassPerson = z.infer<typeof ClassPerson>

/** An invited student waiting to join: placed in the class by an import, by email. */
export const PendingPlacement = z.object({ email: z.string(), display_name: z.string() })
export type PendingPlacement = z.infer<typeof PendingPlacement>

/** A course some of the class's students are enrolled in, and how many of them. */
export const ClassCourse = z.object({ id: Id, title: z.string(), enrolled: z.number().int() })
export type ClassCourse = z.infer<typeof ClassCourse>

/**
 * A class with its people, as the caller may see them: students (and pending placements) for the
 * school's admins and staff and the class's teachers, only the caller for a student.
 */
export const ClassDetail = ClassSummary.extend({
  students: z.array(ClassPerson),
  teachers: z.array(ClassPerson),
  pending: z.array(PendingPlacement),
  /** The courses its students (as the caller sees them) are enrolled in, by title. */
  courses: z.array(ClassCourse),
  /** The caller may rename it, delete it and change who is in it (owners and admins). */
  can_manage: z.boolean(),
  /** The caller may enrol the class in a course (owners, admins and the class's teachers). */
  can_enrol: z.boolean(),
})
export type ClassDetail = z.infer<typeof ClassDetail>

export const CreateClassBody = z.strictObject({
  name: ClassName,
  grade_level: GradeLevel.optional(),
})
export type CreateClassBody = z.infer<typeof CreateClassBody>

export const UpdateClassBody = z.strictObject({
  name: ClassName.optional(),
  grade_level: GradeLevel.nullable().optional(),
})
export type UpdateClassBody = z.infer<typeof UpdateClassBody>

/** Adds people to a class: up to 500 at a time. */
export const AddClassPeopleBody = z.strictObject({
  user_ids: z.array(z.uuid('Choose a member.')).min(1, 'Choose at least one member.').max(500),
})
export type AddClassPeopleBody = z.infer<typeof AddClassPeopleBody>

export const EnrolClassBody = z.strictObject({ course_id: z.uuid('Choose a course.') })
export type EnrolClassBody = z.infer<typeof EnrolClassBody>

export const BookClassBody = z.strictObject({ session_id: z.uuid('Choose a session.') })
export type BookClassBody = z.infer<typeof BookClassBody>

/** How booking a class into a session went: seats newly booked, and students who had one already. */
export const ClassBooking = z.object({ booked: z.number().int(), already: z.number().int() })
export type ClassBooking = z.infer<typeof ClassBooking>

/** How a class enrolment went: newly enrolled, and those who already were. */
export const ClassEnrolment = z.object({ enrolled: z.number().int(), already: z.number().int() })
export type ClassEnrolment = z.infer<typeof ClassEnrolment>

// Section: bulk import

/** The most rows one import takes (the API's body limit is sized for it). */
export const MAX_IMPORT_ROWS = 5000

/**
 * One parsed CSV row: a name and an email or a phone number (an email wins when both are given).
 * Only lengths are checked here; a blank name or a malformed email or number is a per-row status of
 * the preview and the import, not a refusal of the whole file.
 */
export const ImportRow = z.strictObject({
  name: z.string().max(200, 'Use at most 200 characters.'),
  email: z.string().max(320, 'Use at most 320 characters.').optional(),
  phone: z.string().max(40, 'Use at most 40 characters.').optional(),
  grade: z.string().max(40, 'Use at most 40 characters.').optional(),
  class: z.string().max(80, 'Use at most 80 characters.').optional(),
})
export type ImportRow = z.infer<typeof ImportRow>

export const StudentImportBody = z.strictObject({
  rows: z
    .array(ImportRow)
    .min(1, 'The file has no rows.')
    .max(MAX_IMPORT_ROWS, `Import at most ${MAX_IMPORT_ROWS} rows at a time.`),
})
export type StudentImportBody = z.infer<typeof StudentImportBody>

/**
 * What happens to a row: an email invited (`new`), an account made for a phone number
 * (`new_account`), nothing to do (`already_invited`), or why it is left out.
 */
export const IMPORT_ROW_STATUSES = [
  'new',
  'new_account',
  'already_invited',
  'missing_name',
  'missing_contact',
  'bad_email',
  'bad_phone',
  'duplicate',
  'already_member',
  'phone_taken',
] as const
export type ImportRowStatus = (typeof IMPORT_ROW_STATUSES)[number]

/** True for a status that is an error to show on the row. */
export const isRowError = (s: ImportRowStatus) =>
  s !== 'new' && s !== 'new_account' && s !== 'already_invited'

export const ImportPreview = z.object({
  /** One entry per row sent, in order; `n` is the row's index (0-based). */
  rows: z.array(
    z.object({
      n: z.number().int(),
      status: z.enum(IMPORT_ROW_STATUSES),
      /** The row names a class that exists already (else the import creates it). */
      class_exists: z.boolean(),
    }),
  ),
  seats_left: z.number().int(),
})
export type ImportPreview = z.infer<typeof ImportPreview>

export const ImportResult = z.object({
  invited: z.number().int(),
  /** Phone sign-in accounts made for rows with a phone number and no email. */
  accounts_created: z.number().int(),
  already_invited: z.number().int(),
  placed: z.number().int(),
  classes_created: z.number().int(),
  rejected: z.number().int(),
})
export type ImportResult = z.infer<typeof ImportResult>
