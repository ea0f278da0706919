// The AI tutor's fixed values (no zod): the web app's tutor page and the edge functions read them.

/** What a message asks for; each class may go to its own provider and model (explainable rules). */
export const TASK_CLASSES = ['reasoning', 'creative', 'research', 'general'] as const
export type TaskClassValue = (typeof TASK_CLASSES)[number]

/** hints: guiding questions and graded hints (the default for students); answers: explains fully. */
export const TUTOR_MODES = ['hints', 'answers'] as const
export type TutorModeValue = (typeof TUTOR_MODES)[number]

/** Where an answer came from: a provider, the school's published lessons, or the fixed safety reply. */
export const ANSWER_SOURCES = ['provider', 'lessons', 'safety'] as const
export type AnswerSourceValue = (typeof ANSWER_SOURCES)[number]

/** streaming: still being written; done: complete; failed: cut off (what was written stays). */
export const ANSWER_STATUSES = ['streaming', 'done', 'failed'] as const
export type AnswerStatusValue = (typeof ANSWER_STATUSES)[number]

/** Provider kinds: Gemini through @google/genai; any OpenAI-compatible endpoint through `openai`. */
export const PROVIDER_KINDS = ['gemini', 'openai'] as const
export type ProviderKindValue = (typeof PROVIDER_KINDS)[number]

/** Why a conversation was flagged for a teacher to read. */
export const FLAG_REASONS = ['self_harm', 'abuse', 'danger'] as const
export type FlagReasonValue = (typeof FLAG_REASONS)[number]

export const AI_LIMITS = {
  /** Characters of one question. */
  message: 2000,
  /** Characters of a conversation title. */
  title: 120,
  /** Providers per school. */
  providers: 8,
  /** Characters of a provider's label, model name and base URL. */
  label: 60,
  model: 100,
  baseUrl: 500,
  apiKey: 400,
  /** Passages quoted in one answer. */
  citations: 5,
  /** Conversations and messages per page. */
  page: 50,
} as const

/** Defaults of a school's AI settings before an admin changes them. */
export const AI_DEFAULTS = {
  /** Tokens per calendar month for the whole school (input + output); 0 = providers off. */
  monthly_token_budget: 2_000_000,
  /** Questions per student per day (in the school's time zone). */
  student_daily_limit: 50,
} as const
