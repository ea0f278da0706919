// The learning logbook (issue 20): a student's journal per course, its comments, and the tutor's
// session notes beside it. Who may do what is decided in Postgres
// (supabase/migrations/20261214020000_logbook.sql); these are the bodies and answers.
import { z } from 'zod'
import { Attachment } from './files.ts'
import { Uuid } from './tenancy.ts'

/** Kenya's CBC core competencies (DOMAIN.md), the tags of an entry; the same list as private.cbc_competencies(). */
export const COMPETENCIES = [
  'communication',
  'critical_thinking',
  'creativity',
  'citizenship',
  'digital_literacy',
  'learning_to_learn',
  'self_efficacy',
] as const
export const Competency = z.enum(COMPETENCIES)
export type Competency = z.infer<typeof Competency>

/** The competencies' names, for the web app and the PDF (English and Kiswahili). */
export const COMPETENCY_NAMES: Record<'en' | 'sw', Record<Competency, string>> = {
  en: {
    communication: 'Communication and collaboration',
    critical_thinking: 'Critical thinking and problem solving',
    creativity: 'Imagination and creativity',
    citizenship: 'Citizenship',
    digital_literacy: 'Digital literacy',
    learning_to_learn: 'Learning to learn',
    self_efficacy: 'Self-efficacy',
  },
  sw: {
    communication: 'Mawasiliano na ushirikiano',
    critical_thinking: 'Kufikiri kwa kina na kutatua matatizo',
    creativity: 'Ubunifu na mawazo',
    citizenship: 'Uraia',
    digital_literacy: 'Ujuzi wa kidijitali',
    learning_to_learn: 'Kujifunza kujifunza',
    self_efficacy: 'Kujiamini',
  },
}

/** At most this many files on one entry (the table's check says the same). */
export const MAX_LOGBOOK_FILES = 6

export const LogbookComment = z.object({
  id: Uuid,
  author_id: Uuid.nullable(),
  author_name: z.string(),
  body: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable(),
  can_delete: z.boolean(),
})
export type LogbookComment = z.infer<typeof LogbookComment>

export const LogbookEntry = z.object({
  id: Uuid,
  course_id: Uuid,
  user_id: Uuid,
  title: z.string(),
  body: z.string(),
  lesson: z.object({ id: Uuid, title: z.string() }).nullable(),
  competencies: z.array(Competency),
  files: z.array(Attachment),
  shared_with_guardians: z.boolean(),
  created_at: z.string(),
  updated_at: z.string(),
  comments: z.array(LogbookComment),
})
export type LogbookEntry = z.infer<typeof LogbookEntry>

/** A tutoring session's notes about the student (the tutor and the school's staff only). */
export const LogbookSessionNote = z.object({
  session_id: Uuid,
  title: z.string(),
  starts_at: z.string(),
  tutor_name: z.string(),
  notes: z.string(),
})
export type LogbookSessionNote = z.infer<typeof LogbookSessionNote>

/** One student's logbook of a course: a page of entries (newest first), and what the caller may do. */
export const Logbook = z.object({
  course: z.object({ id: Uuid, title: z.string() }),
  student: z.object({ id: Uuid, name: z.string() }),
  entries: z.array(LogbookEntry),
  /** Pass as `before` for older entries; null on the last page. */
  next_before: z.string().nullable(),
  session_notes: z.array(LogbookSessionNote),
  lessons: z.array(z.object({ id: Uuid, title: z.string() })),
  /** The caller's own logbook (they change and share its entries). */
  mine: z.boolean(),
  can_write: z.boolean(),
  can_comment: z.boolean(),
})
export type Logbook = z.infer<typeof Logbook>

export const LogbookQuery = z.object({
  /** Whose logbook; the caller's own when left out. */
  student: Uuid.optional(),
  /** Entries written before this time (`next_before` of the page before). */
  before: z.iso.datetime({ offset: true }).optional(),
})
export type LogbookQuery = z.infer<typeof LogbookQuery>

/** The logbook as a PDF: whose, and in which language. */
export const LogbookPdfQuery = z.object({
  student: Uuid.optional(),
  locale: z.enum(['en', 'sw']).default('en'),
})
export type LogbookPdfQuery = z.input<typeof LogbookPdfQuery>

/** A row of the teachers' list: a student of the course and their logbook's size. */
export const LogbookStudent = z.object({
  id: Uuid,
  name: z.string(),
  entries: z.number().int().nonnegative(),
  last_entry_at: z.string().nullable(),
  comments: z.number().int().nonnegative(),
})
export const LogbookStudentList = z.object({ students: z.array(LogbookStudent) })
export type LogbookStudentList = z.infer<typeof LogbookStudentList>

/** A file to keep on an entry: the student's upload in their folder of the course, and its name. */
export const NewLogbookFile = z.strictObject({
  path: z
    .string()
    .max(1100)
    .regex(
      /^logbook-files\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/[^/]+$/,
      'Attach a file of this logbook.',
    ),
  name: z.string().trim().min(1).max(200),
})

const Title = z.string().trim().min(1, 'Give the entry a title.').max(200, 'Use at most 200 characters.')
const Text = z.string().max(20000, 'Use at most 20,000 characters.')

export const NewLogbookEntryBody = z.strictObject({
  title: Title,
  body: Text.default(''),
  lesson_id: Uuid.nullable().optional(),
  competencies: z.array(Competency).max(COMPETENCIES.length).default([]),
  files: z
    .array(NewLogbookFile)
    .max(MAX_LOGBOOK_FILES, `Attach at most ${MAX_LOGBOOK_FILES} files.`)
    .default([]),
  shared_with_guardians: z.boolean().default(false),
})
export type NewLogbookEntryBody = z.input<typeof NewLogbookEntryBody>

export const UpdateLogbookEntryBody = z
  .strictObject({
    title: Title,
    body: Text,
    lesson_id: Uuid.nullable(),
    competencies: z.array(Competency).max(COMPETENCIES.length),
    files: z.array(NewLogbookFile).max(MAX_LOGBOOK_FILES, `Attach at most ${MAX_LOGBOOK_FILES} files.`),
    shared_with_guardians: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'Send at least one field to change.' })
export type UpdateLogbookEntryBody = z.infer<typeof UpdateLogbookEntryBody>

export const NewLogbookCommentBody = z.strictObject({
  body: z.string().trim().min(1, 'Write something first.').max(5000, 'Use at most 5,000 characters.'),
})
export type NewLogbookCommentBody = z.infer<typeof NewLogbookCommentBody>
