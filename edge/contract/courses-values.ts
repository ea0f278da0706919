// The course contract's fixed values (lists, limits), apart from the schemas in courses.ts so that
// pages can read them without loading zod.

/** Name of the Y.XmlFragment that holds a lesson's body in its Yjs document (Tiptap's `field`). */
export const LESSON_FRAGMENT = 'content'

/** Kenya CBC grade levels the course form offers; schools outside CBC type their own level. */
export const CBC_LEVELS = [
  'PP1',
  'PP2',
  'Grade 1',
  'Grade 2',
  'Grade 3',
  'Grade 4',
  'Grade 5',
  'Grade 6',
  'Grade 7',
  'Grade 8',
  'Grade 9',
  'Grade 10',
  'Grade 11',
  'Grade 12',
] as const

/** CBC learning areas the course form offers; any other area may be typed. */
export const LEARNING_AREAS = [
  'Mathematics',
  'English',
  'Kiswahili',
  'Science and Technology',
  'Social Studies',
  'Creative Arts',
  'Religious Education',
  'Agriculture',
  'Physical and Health Education',
  'Pre-Technical Studies',
  'Integrated Science',
  'Computer Science',
] as const

/** Limits, the same as the migration's check constraints. */
export const COURSE_LIMITS = {
  title: 200,
  summary: 2000,
  coverImageUrl: 2000,
  level: 60,
  learningArea: 80,
  note: 500,
} as const

/**
 * A course's live topic, for the people who may read it: events `published {course_id, lesson_id,
 * version}` (a lesson of the course has a new version) and `outline {course_id}` (its modules or
 * lessons changed).
 */
export const courseTopic = (courseId: string) => `course:${courseId}`
