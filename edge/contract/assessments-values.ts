// Fixed values of assessments (no zod: the web reads them without loading the schemas).

/** Kinds of question a quiz holds. */
export const QUESTION_KINDS = ['single', 'multiple', 'true_false', 'short', 'numeric'] as const
export type QuestionKind = (typeof QUESTION_KINDS)[number]

/** When students see their quiz results: as soon as they submit, or when a teacher releases them. */
export const RELEASE_MODES = ['on_submit', 'manual'] as const
export type ReleaseMode = (typeof RELEASE_MODES)[number]

/** Limits the API and the database both enforce. */
export const QUIZ_LIMITS = {
  instructions: 5000,
  prompt: 2000,
  option: 500,
  options: 10,
  acceptedAnswers: 20,
  answerText: 500,
  feedback: 2000,
  questions: 200,
  maxPoints: 1000,
  maxTimeLimitMinutes: 600,
  maxAttempts: 20,
} as const

/** Seconds after an attempt's deadline in which saving and submitting still count (a slow network). */
export const QUIZ_GRACE_SECONDS = 30

/** Rubrics: levels with points per criterion, or BTEC-style criteria (P1…, M1…, D1…) achieved or not yet. */
export const RUBRIC_KINDS = ['points', 'btec'] as const
export type RubricKind = (typeof RUBRIC_KINDS)[number]

/** A BTEC unit grade (DOMAIN.md): every P → Pass, every P and M → Merit, every P, M and D → Distinction. */
export const BTEC_GRADES = ['Distinction', 'Merit', 'Pass', 'Unclassified'] as const
export type BtecGrade = (typeof BTEC_GRADES)[number]

/** What late work gets: accepted with a penalty (percent of the grade) or refused after the due time. */
export const LATE_POLICIES = ['accept', 'refuse'] as const
export type LatePolicy = (typeof LATE_POLICIES)[number]

export const ASSIGNMENT_LIMITS = {
  instructions: 10000,
  body: 50000,
  files: 5,
  criteria: 30,
  levels: 6,
  criterionText: 500,
  feedback: 5000,
  maxPoints: 1000,
} as const

/** Files a submission may carry: documents and photos (a phone photo of a handwritten script). */
export const SUBMISSION_FILE_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.oasis.opendocument.text',
  'text/plain',
] as const

/** The storage bucket of submissions: <school>/<assignment>/<student>/<file>. */
export const SUBMISSION_BUCKET = 'assignment-files'
