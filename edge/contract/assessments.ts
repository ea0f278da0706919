import { z } from 'zod'
import { QUESTION_KINDS, QUIZ_LIMITS, RELEASE_MODES } from './assessments-values.ts'
import { OutlinePlace, OutlinePlaceBody } from './assignment-groups.ts'
import { Title } from './courses.ts'

// Quizzes (issue 16): their settings, questions with answer keys (editors only), students'
// attempts, saved responses and results. Correct answers and per-question feedback are never in a
// student's answer before their results are released: questions for students carry no key, and
// results are readable by the student only once released.

export { QUESTION_KINDS, QUIZ_GRACE_SECONDS, QUIZ_LIMITS, RELEASE_MODES } from './assessments-values.ts'

const Id = z.uuid()
const Stamp = z.string()

const text = (max: number, what: string) =>
  z.string().trim().max(max, `Use at most ${max} characters for the ${what}.`)

const Points = z
  .number()
  .positive('Give the question some points.')
  .max(QUIZ_LIMITS.maxPoints, `Use at most ${QUIZ_LIMITS.maxPoints} points.`)
  .multipleOf(0.01, 'Use at most two decimals.')

// Section: quizzes

export const QuizSettingsBody = z.strictObject({
  title: Title.optional(),
  instructions: text(QUIZ_LIMITS.instructions, 'instructions').optional(),
  /** Minutes from the start of an attempt; null for no limit. */
  time_limit_minutes: z.number().int().min(1).max(QUIZ_LIMITS.maxTimeLimitMinutes).nullable().optional(),
  /** Attempts each student may make; null for as many as they like. */
  max_attempts: z.number().int().min(1).max(QUIZ_LIMITS.maxAttempts).nullable().optional(),
  opens_at: z.iso.datetime({ offset: true }).nullable().optional(),
  closes_at: z.iso.datetime({ offset: true }).nullable().optional(),
  shuffle: z.boolean().optional(),
  release: z.enum(RELEASE_MODES).optional(),
  /** Published quizzes are listed for enrolled students; unpublishing hides it again. */
  published: z.boolean().optional(),
  ...OutlinePlaceBody.shape,
})
export type QuizSettingsBody = z.infer<typeof QuizSettingsBody>

export const CreateQuizBody = z.strictObject({ title: Title })
export type CreateQuizBody = z.infer<typeof CreateQuizBody>

/** What a student's row in the list says about their own attempts. */
export const MyQuizStatus = z.object({
  attempts_used: z.number().int(),
  in_progress_attempt_id: Id.nullable(),
  /** Best released score, null when nothing is released yet. */
  best_score: z.number().nullable(),
  submitted: z.boolean(),
})
export type MyQuizStatus = z.infer<typeof MyQuizStatus>

export const Quiz = z.object({
  id: Id,
  course_id: Id,
  tenant_id: Id,
  title: z.string(),
  instructions: z.string(),
  time_limit_minutes: z.number().int().nullable(),
  max_attempts: z.number().int().nullable(),
  opens_at: Stamp.nullable(),
  closes_at: Stamp.nullable(),
  shuffle: z.boolean(),
  release: z.enum(RELEASE_MODES),
  results_released_at: Stamp.nullable(),
  published_at: Stamp.nullable(),
  ...OutlinePlace.shape,
  question_count: z.number().int(),
  max_score: z.number(),
  created_at: Stamp,
  updated_at: Stamp,
  /** The caller's own attempts (students); null for teachers. */
  mine: MyQuizStatus.nullable(),
})
export type Quiz = z.infer<typeof Quiz>

export const QuizList = z.object({
  items: z.array(Quiz),
  /** The caller may add and edit quizzes here. */
  can_edit: z.boolean(),
})
export type QuizList = z.infer<typeof QuizList>

// Section: questions

export const QuestionOption = z.object({ id: z.string(), text: z.string() })
export type QuestionOption = z.infer<typeof QuestionOption>

const OptionInput = z.strictObject({
  /** Keep an option's id when editing; new options get one. */
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'Use letters, digits, - or _.')
    .optional(),
  text: z.string().trim().min(1, 'Write the option.').max(QUIZ_LIMITS.option),
})

const base = {
  prompt: z.string().trim().min(1, 'Write the question.').max(QUIZ_LIMITS.prompt),
  points: Points,
  feedback: text(QUIZ_LIMITS.feedback, 'feedback').optional(),
}
const Options = z
  .array(OptionInput)
  .min(2, 'Give at least two options.')
  .max(QUIZ_LIMITS.options, `Use at most ${QUIZ_LIMITS.options} options.`)

/** A question and its answer key. Options' correct ones are named by their index in `options`. */
export const QuestionBody = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('single'),
    ...base,
    options: Options,
    correct: z
      .number()
      .int()
      .min(0)
      .max(QUIZ_LIMITS.options - 1),
  }),
  z.strictObject({
    kind: z.literal('multiple'),
    ...base,
    options: Options,
    correct: z
      .array(
        z
          .number()
          .int()
          .min(0)
          .max(QUIZ_LIMITS.options - 1),
      )
      .min(1, 'Mark at least one option correct.')
      .max(QUIZ_LIMITS.options),
  }),
  z.strictObject({ kind: z.literal('true_false'), ...base, correct: z.boolean() }),
  z.strictObject({
    kind: z.literal('short'),
    ...base,
    accepted: z
      .array(z.string().trim().min(1, 'Write the answer.').max(QUIZ_LIMITS.answerText))
      .min(1, 'Give at least one accepted answer.')
      .max(QUIZ_LIMITS.acceptedAnswers),
  }),
  z.strictObject({
    kind: z.literal('numeric'),
    ...base,
    correct: z.number().finite(),
    tolerance: z.number().min(0).finite().optional(),
  }),
])
export type QuestionBody = z.infer<typeof QuestionBody>

/** A question as a student sees it while answering: no key, no feedback. */
export const StudentQuestion = z.object({
  id: Id,
  kind: z.enum(QUESTION_KINDS),
  prompt: z.string(),
  points: z.number(),
  options: z.array(QuestionOption),
})
export type StudentQuestion = z.infer<typeof StudentQuestion>

/** The key as editors see it (the shape of QuestionBody's answer fields, options by id). */
export const AnswerKey = z.object({
  correct_option_ids: z.array(z.string()).optional(),
  correct_bool: z.boolean().optional(),
  accepted: z.array(z.string()).optional(),
  correct_number: z.number().optional(),
  tolerance: z.number().optional(),
})
export type AnswerKey = z.infer<typeof AnswerKey>

export const EditorQuestion = StudentQuestion.extend({
  position: z.number().int(),
  key: AnswerKey,
  feedback: z.string(),
})
export type EditorQuestion = z.infer<typeof EditorQuestion>

export const QuizEditor = z.object({ quiz: Quiz, questions: z.array(EditorQuestion) })
export type QuizEditor = z.infer<typeof QuizEditor>

export const MoveQuestionBody = z.strictObject({
  position: z.number().int().min(0).max(QUIZ_LIMITS.questions),
})

// Section: attempts

/** A student's answer to one question; send the field of its kind. */
export const AnswerBody = z.strictObject({
  /** single (one id) and multiple. */
  choice_ids: z.array(z.string().max(40)).max(QUIZ_LIMITS.options).optional(),
  /** true_false. */
  bool: z.boolean().optional(),
  /** short. */
  text: z
    .string()
    .max(QUIZ_LIMITS.answerText, `Use at most ${QUIZ_LIMITS.answerText} characters.`)
    .optional(),
  /** numeric. */
  number: z.number().finite().optional(),
})
export type AnswerBody = z.infer<typeof AnswerBody>

export const SavedAnswer = z.object({ question_id: Id, response: AnswerBody, saved_at: Stamp })
export type SavedAnswer = z.infer<typeof SavedAnswer>

/** How one question went: only in released results. */
export const QuestionResult = z.object({
  question_id: Id,
  correct: z.boolean(),
  points: z.number(),
  max_points: z.number(),
  feedback: z.string(),
  /** The right answer in words ("Nairobi", "12 ± 0.5", the correct options' texts). */
  answer: z.string(),
})
export type QuestionResult = z.infer<typeof QuestionResult>

export const QuizResult = z.object({
  score: z.number(),
  max_score: z.number(),
  graded_at: Stamp,
  questions: z.array(QuestionResult),
})
export type QuizResult = z.infer<typeof QuizResult>

export const Attempt = z.object({
  id: Id,
  quiz_id: Id,
  quiz_title: z.string(),
  course_id: Id,
  number: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  started_at: Stamp,
  /** When answers stop counting (the time limit or the quiz's closing time); null for none. */
  deadline_at: Stamp.nullable(),
  submitted_at: Stamp.nullable(),
  /** Submitted by the clock: the time ran out before the student submitted. */
  auto_submitted: z.boolean(),
  /** The server's clock, so the page's timer does not depend on the phone's. */
  server_now: Stamp,
  questions: z.array(StudentQuestion),
  answers: z.array(SavedAnswer),
  /** Present once the results are released. */
  result: QuizResult.nullable(),
})
export type Attempt = z.infer<typeof Attempt>

export const AnswerSaved = z.object({ question_id: Id, saved_at: Stamp })

/** A teacher's row per attempt. */
export const AttemptRow = z.object({
  id: Id,
  user_id: Id,
  student_name: z.string(),
  number: z.number().int(),
  status: z.enum(['in_progress', 'submitted']),
  started_at: Stamp,
  submitted_at: Stamp.nullable(),
  auto_submitted: z.boolean(),
  score: z.number().nullable(),
  max_score: z.number().nullable(),
})
export type AttemptRow = z.infer<typeof AttemptRow>

export const QuizResults = z.object({
  quiz: Quiz,
  attempts: z.array(AttemptRow),
  /** Enrolled students who have not started. */
  not_started: z.number().int(),
})
export type QuizResults = z.infer<typeof QuizResults>
