import { z } from 'zod'

// Courses, modules, lessons, co-authors, enrolments and published lesson versions: the bodies and
// answers of the api function's course endpoints, shared with web/.

const Id = z.uuid()

// Its fixed values (lists, limits) live in courses-values.ts, which has no zod; re-exported here.
export { CBC_LEVELS, COURSE_LIMITS, LEARNING_AREAS, LESSON_FRAGMENT } from './courses-values.ts'

import { COURSE_LIMITS } from './courses-values.ts'

/** A co-author's rights on a course: editors write lessons, viewers read the draft. */
export const AuthorRole = z.enum(['editor', 'viewer'])
export type AuthorRole = z.infer<typeof AuthorRole>

/** A title of a course, module or lesson: 1–200 characters after trimming. */
export const Title = z
  .string()
  .trim()
  .min(1, 'Enter a title.')
  .max(COURSE_LIMITS.title, `Use at most ${COURSE_LIMITS.title} characters.`)

/** An http(s) URL of a cover image. */
export const CoverImageUrl = z
  .string()
  .trim()
  .max(COURSE_LIMITS.coverImageUrl, `Use at most ${COURSE_LIMITS.coverImageUrl} characters.`)
  .regex(/^https?:\/\/\S+$/i, 'Use an http:// or https:// address.')
  .pipe(z.url('Enter a valid address.'))

const Summary = z
  .string()
  .trim()
  .max(COURSE_LIMITS.summary, `Use at most ${COURSE_LIMITS.summary} characters.`)
const Level = z.string().trim().max(COURSE_LIMITS.level, `Use at most ${COURSE_LIMITS.level} characters.`)
const LearningArea = z
  .string()
  .trim()
  .max(COURSE_LIMITS.learningArea, `Use at most ${COURSE_LIMITS.learningArea} characters.`)

const atLeastOne = (b: object) => Object.keys(b).length > 0
const atLeastOneMessage = 'Send at least one field to change.'

export const CreateCourseBody = z.strictObject({
  title: Title,
  summary: Summary.optional(),
  cover_image_url: CoverImageUrl.nullable().optional(),
  level: Level.optional(),
  learning_area: LearningArea.optional(),
  is_free: z.boolean().optional(),
  lesson_questions: z.boolean().optional(),
})
export type CreateCourseBody = z.infer<typeof CreateCourseBody>

/** Changes to a course; `cover_image_url: null` removes the cover. */
export const UpdateCourseBody = z
  .strictObject({
    title: Title.optional(),
    summary: Summary.optional(),
    cover_image_url: CoverImageUrl.nullable().optional(),
    level: Level.optional(),
    learning_area: LearningArea.optional(),
    is_free: z.boolean().optional(),
    lesson_questions: z.boolean().optional(),
  })
  .refine(atLeastOne, atLeastOneMessage)
export type UpdateCourseBody = z.infer<typeof UpdateCourseBody>

/** The caller's rights on a course. */
export const CourseAccess = z.object({
  /** Co-author with the editor role: changes lessons, modules, publishes. */
  edit: z.boolean(),
  /** Sees lesson drafts (co-authors, school owners/admins/staff). */
  read_draft: z.boolean(),
  /** Changes course details, co-authors and enrolments (editors, school owners/admins). */
  manage: z.boolean(),
  /** Enrolled as a student: reads published lessons. */
  enrolled: z.boolean(),
})
export type CourseAccess = z.infer<typeof CourseAccess>

export const Course = z.object({
  id: Id,
  tenant_id: Id,
  title: z.string(),
  summary: z.string(),
  cover_image_url: z.string().nullable(),
  level: z.string(),
  learning_area: z.string(),
  is_free: z.boolean(),
  /** Enrolled students may ask the teachers about passages of its published lessons. */
  lesson_questions: z.boolean(),
  created_by: Id.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
})
export type Course = z.infer<typeof Course>

/** A course in a school's list, with the caller's relation to it. */
export const CourseListItem = Course.extend({
  /** The caller's co-author role, or null. */
  author_role: AuthorRole.nullable(),
  can_edit: z.boolean(),
  enrolled: z.boolean(),
  /** Lessons in the course (students see the count before they enrol). */
  lesson_count: z.number().int(),
})
export type CourseListItem = z.infer<typeof CourseListItem>
export const CourseList = z.array(CourseListItem)
export type CourseList = z.infer<typeof CourseList>

export const CourseModule = z.object({
  id: Id,
  course_id: Id,
  title: z.string(),
  position: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
})
export type CourseModule = z.infer<typeof CourseModule>

export const Lesson = z.object({
  id: Id,
  course_id: Id,
  module_id: Id.nullable(),
  title: z.string(),
  position: z.number().int(),
  created_by: Id.nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  /** Number of the latest published version, null when never published. */
  published_version: z.number().int().nullable(),
})
export type Lesson = z.infer<typeof Lesson>

/** A lesson with its course's title and the caller's rights on the course (for the editor and reader pages). */
export const LessonDetail = Lesson.extend({ course_title: z.string(), my_access: CourseAccess })
export type LessonDetail = z.infer<typeof LessonDetail>

export const CourseAuthor = z.object({
  user_id: Id,
  display_name: z.string(),
  /** Null unless the caller may see it (private.can_see_contact: yourself, owners and admins, support staff for requesters). */
  email: z.string().nullable(),
  role: AuthorRole,
  created_at: z.string(),
})
export type CourseAuthor = z.infer<typeof CourseAuthor>
export const CourseAuthorList = z.array(CourseAuthor)

/** Where the caller stands with one lesson: read (when last opened) and, once they say so, done. */
export const LessonProgress = z.object({
  lesson_id: Id,
  first_read_at: z.string(),
  last_read_at: z.string(),
  /** When the reader marked it done; null while not done. */
  completed_at: z.string().nullable(),
})
export type LessonProgress = z.infer<typeof LessonProgress>

/** Opening a published lesson records a read; `done` marks it done (true) or not done (false). */
export const PutLessonProgressBody = z.strictObject({ done: z.boolean().optional() })
export type PutLessonProgressBody = z.infer<typeof PutLessonProgressBody>

/** One course with its modules and lessons (by position), the caller's access and, for draft readers, its authors. */
export const CourseDetail = Course.extend({
  modules: z.array(CourseModule),
  /** All lessons of the course, by module position then lesson position; `module_id: null` ones are unassigned. */
  lessons: z.array(Lesson),
  my_access: CourseAccess,
  /** Co-authors; empty for callers who may not see them (students). */
  authors: CourseAuthorList,
  /** The caller's own progress through the course's lessons (lessons never opened have no entry). */
  my_progress: z.array(LessonProgress),
})
export type CourseDetail = z.infer<typeof CourseDetail>

export const CreateModuleBody = z.strictObject({ title: Title })
export type CreateModuleBody = z.infer<typeof CreateModuleBody>

const Position = z.number().int().min(0).max(100_000)

export const UpdateModuleBody = z
  .strictObject({ title: Title.optional(), position: Position.optional() })
  .refine(atLeastOne, atLeastOneMessage)
export type UpdateModuleBody = z.infer<typeof UpdateModuleBody>

export const CreateLessonBody = z.strictObject({ title: Title, module_id: Id.nullable().optional() })
export type CreateLessonBody = z.infer<typeof CreateLessonBody>

/** Changes to a lesson; `module_id: null` takes it out of its module. */
export const UpdateLessonBody = z
  .strictObject({
    title: Title.optional(),
    module_id: Id.nullable().optional(),
    position: Position.optional(),
  })
  .refine(atLeastOne, atLeastOneMessage)
export type UpdateLessonBody = z.infer<typeof UpdateLessonBody>

/**
 * The whole order of a course at once: every module in order with every lesson in it, and the
 * lessons outside any module. Must name exactly the course's modules and lessons, each once.
 */
export const CourseOrderBody = z.strictObject({
  modules: z.array(z.strictObject({ id: Id, lesson_ids: z.array(Id).max(2000) })).max(500),
  unassigned_lesson_ids: z.array(Id).max(2000).default([]),
})
export type CourseOrderBody = z.input<typeof CourseOrderBody>

export const PutAuthorBody = z.strictObject({ role: AuthorRole })
export type PutAuthorBody = z.infer<typeof PutAuthorBody>

export const Enrolment = z.object({
  course_id: Id,
  user_id: Id,
  display_name: z.string(),
  /** Null unless the caller may see it (private.can_see_contact: yourself, owners and admins, support staff for requesters). */
  email: z.string().nullable(),
  enrolled_by: Id.nullable(),
  created_at: z.string(),
})
export type Enrolment = z.infer<typeof Enrolment>
export const EnrolmentList = z.array(Enrolment)

export const CreateEnrolmentBody = z.strictObject({ user_id: Id })
export type CreateEnrolmentBody = z.infer<typeof CreateEnrolmentBody>

export const PublishBody = z.strictObject({
  note: z.string().trim().max(COURSE_LIMITS.note, `Use at most ${COURSE_LIMITS.note} characters.`).optional(),
})
export type PublishBody = z.infer<typeof PublishBody>

/** A published version without its content (history lists). */
export const LessonVersion = z.object({
  lesson_id: Id,
  version: z.number().int(),
  title: z.string(),
  note: z.string(),
  published_by: Id.nullable(),
  /** Display name of the publisher; null when they left. */
  published_by_name: z.string().nullable(),
  published_at: z.string(),
})
export type LessonVersion = z.infer<typeof LessonVersion>
export const LessonVersionList = z.array(LessonVersion)

/** A published version with its rendered content (sanitised HTML and plain text). */
export const LessonVersionContent = LessonVersion.extend({ html: z.string(), plain_text: z.string() })
export type LessonVersionContent = z.infer<typeof LessonVersionContent>

/** What a student reads: the latest published version of a lesson. */
export const PublishedLesson = LessonVersionContent.extend({ course_id: Id })
export type PublishedLesson = z.infer<typeof PublishedLesson>

/** The answer of a restore: the version restored into the draft. */
export const RestoreResult = z.object({ lesson_id: Id, restored_version: z.number().int() })
export type RestoreResult = z.infer<typeof RestoreResult>
