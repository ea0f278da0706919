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
