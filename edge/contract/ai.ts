// The AI tutor: the chat stream of the `ai-tutor` function (its body and its server-sent events),
// and the conversations, review, provider settings and usage of the api function, shared with web/.
// Its fixed values live in ai-values.ts, which has no zod.
import { z } from 'zod'
import {
  AI_LIMITS,
  ANSWER_SOURCES,
  ANSWER_STATUSES,
  FLAG_REASONS,
  PROVIDER_KINDS,
  TASK_CLASSES,
  TUTOR_MODES,
} from './ai-values.ts'

export { AI_DEFAULTS, AI_LIMITS } from './ai-values.ts'

const Id = z.uuid()
const Timestamp = z.string()

export const TaskClass = z.enum(TASK_CLASSES)
export type TaskClass = z.infer<typeof TaskClass>
export const TutorMode = z.enum(TUTOR_MODES)
export type TutorMode = z.infer<typeof TutorMode>
export const AnswerSource = z.enum(ANSWER_SOURCES)
export type AnswerSource = z.infer<typeof AnswerSource>
export const AnswerStatus = z.enum(ANSWER_STATUSES)
export type AnswerStatus = z.infer<typeof AnswerStatus>
export const ProviderKind = z.enum(PROVIDER_KINDS)
export type ProviderKind = z.infer<typeof ProviderKind>
export const FlagReason = z.enum(FLAG_REASONS)
export type FlagReason = z.infer<typeof FlagReason>
export const TutorLanguage = z.enum(['en', 'sw'])
export type TutorLanguage = z.infer<typeof TutorLanguage>

// ── The chat stream (POST /functions/v1/ai-tutor/chat) ────────────────────────────────────────

/** A question; a new conversation starts when `conversation_id` is left out (in `tenant_id`'s school). */
export const ChatBody = z.strictObject({
  tenant_id: Id,
  conversation_id: Id.optional(),
  course_id: Id.optional(),
  lesson_id: Id.optional(),
  message: z
    .string()
    .trim()
    .min(1, 'Write a question.')
    .max(AI_LIMITS.message, `Use at most ${AI_LIMITS.message} characters.`),
  /** The language of the page; the tutor answers in the language of the question when it can tell. */
  language: TutorLanguage.optional(),
})
export type ChatBody = z.infer<typeof ChatBody>

/** `GET /functions/v1/ai-tutor/chat/{message_id}?offset=N`: the rest of an answer from character N. */
export const ResumeQuery = z.object({
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
})

/** A published lesson section an answer used; opens at `/t/<slug>/lessons/<lesson_id>#<section_id>`. */
export const Citation = z.object({
  /** 1-based number the answer's text refers to as [1], [2] … */
  n: z.number().int().min(1),
  course_id: Id,
  lesson_id: Id,
  version: z.number().int(),
  /** The id of the section's heading in the published HTML ('' for the text before the first heading). */
  section_id: z.string(),
  lesson_title: z.string(),
  heading: z.string(),
})
export type Citation = z.infer<typeof Citation>

/** Event `meta`, first: which conversation and answer this is and where it comes from. */
export const StreamMeta = z.object({
  conversation_id: Id,
  message_id: Id,
  /** The user's question as stored. */
  question_id: Id,
  source: AnswerSource,
  /** The provider's label (null for lessons and safety answers). */
  provider: z.string().nullable(),
  task_class: TaskClass,
  mode: TutorMode,
  language: TutorLanguage,
})
export type StreamMeta = z.infer<typeof StreamMeta>

/** Event `delta`: text to append; `offset` is where it starts in the answer (characters, UTF-16). */
export const StreamDelta = z.object({ offset: z.number().int().min(0), text: z.string() })
export type StreamDelta = z.infer<typeof StreamDelta>

/** Event `done`, last: the answer is complete (or failed) and stored. */
export const StreamDone = z.object({
  status: AnswerStatus,
  flagged: z.boolean(),
  usage: z.object({ tokens_in: z.number().int(), tokens_out: z.number().int() }),
})
export type StreamDone = z.infer<typeof StreamDone>

/** Event `error`: the error body's `error` object ({code, message, details}). */
export const StreamError = z.object({
  code: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
})
export type StreamError = z.infer<typeof StreamError>

/** Event `citation` carries one Citation. Every event's data is one JSON object on one line. */
export const STREAM_EVENTS = ['meta', 'delta', 'citation', 'done', 'error'] as const

// ── Conversations (api function) ─────────────────────────────────────────────────────────────

export const ConversationSummary = z.object({
  id: Id,
  tenant_id: Id,
  student_id: Id,
  student_name: z.string(),
  course_id: Id.nullable(),
  course_title: z.string().nullable(),
  lesson_id: Id.nullable(),
  lesson_title: z.string().nullable(),
  title: z.string(),
  flagged_at: Timestamp.nullable(),
  flag_reason: FlagReason.nullable(),
  /** The support ticket "Ask a person" opened, if any. */
  ticket_id: Id.nullable(),
  message_count: z.number().int(),
  created_at: Timestamp,
  updated_at: Timestamp,
})
export type ConversationSummary = z.infer<typeof ConversationSummary>

export const ConversationList = z.object({
  items: z.array(ConversationSummary),
  /** Pass as `before` for the next (older) page; null at the end. */
  next_before: Timestamp.nullable(),
})
export type ConversationList = z.infer<typeof ConversationList>

/** scope=mine: the caller's own; scope=review: their students' (instructors: their courses; admins: the school). */
export const ConversationListQuery = z.object({
  scope: z.enum(['mine', 'review']).default('mine'),
  course_id: Id.optional(),
  flagged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  before: z.iso.datetime({ offset: true, error: 'Use an ISO date-time.' }).optional(),
  limit: z.coerce.number().int().min(1).max(AI_LIMITS.page).default(20),
})

export const TutorMessage = z.object({
  id: Id,
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  status: AnswerStatus,
  source: AnswerSource.nullable(),
  provider: z.string().nullable(),
  task_class: TaskClass.nullable(),
  citations: z.array(Citation),
  /** This message made the conversation flagged. */
  flagged: z.boolean(),
  created_at: Timestamp,
})
export type TutorMessage = z.infer<typeof TutorMessage>

export const ConversationDetail = ConversationSummary.extend({
  messages: z.array(TutorMessage),
  /** The caller is the student (may continue it) — otherwise a reader (read-only). */
  is_mine: z.boolean(),
})
export type ConversationDetail = z.infer<typeof ConversationDetail>

export const UpdateConversationBody = z.strictObject({
  title: z
    .string()
    .trim()
    .min(1, 'Enter a title.')
    .max(AI_LIMITS.title, `Use at most ${AI_LIMITS.title} characters.`),
})

/** "Ask a person": a support ticket carrying the transcript and the lesson context. */
export const HandoffBody = z.strictObject({
  note: z.string().trim().max(1000, 'Use at most 1000 characters.').optional(),
})
export const Handoff = z.object({ ticket_id: Id })

/** What the tutor page shows a student before they ask. */
export const TutorStatus = z.object({
  /** The mode of the course (hints when no course). */
  mode: TutorMode,
  /** A provider is configured and the month's budget is not spent: answers are written by AI. */
  ai_available: z.boolean(),
  daily_limit: z.number().int(),
  used_today: z.number().int(),
  /** When today's count starts again (the school's midnight). */
  resets_at: Timestamp,
})
export type TutorStatus = z.infer<typeof TutorStatus>
export const TutorStatusQuery = z.object({ course_id: Id.optional() })

export const CourseTutor = z.object({ mode: TutorMode })
export const CourseTutorBody = z.strictObject({ mode: TutorMode })

// ── Providers, budget and usage (school admins) ──────────────────────────────────────────────

const Model = z.string().trim().min(1, 'Enter a model name.').max(AI_LIMITS.model)

/** The model per class; `general` is used for a class left out. */
export const ProviderModels = z.strictObject({
  general: Model,
  reasoning: Model.optional(),
  creative: Model.optional(),
  research: Model.optional(),
})
export type ProviderModels = z.infer<typeof ProviderModels>

const BaseUrl = z
  .string()
  .trim()
  .max(AI_LIMITS.baseUrl)
  .regex(/^https?:\/\/\S+$/i, 'Use an http:// or https:// address.')
  .pipe(z.url('Enter a valid address.'))
const ApiKey = z.string().trim().min(8, 'Paste the whole key.').max(AI_LIMITS.apiKey)
const Label = z.string().trim().min(1, 'Enter a name.').max(AI_LIMITS.label)

export const CreateProviderBody = z.strictObject({
  kind: ProviderKind,
  label: Label,
  /** Required for `openai` (e.g. https://api.groq.com/openai/v1); Gemini's default when left out. */
  base_url: BaseUrl.optional(),
  models: ProviderModels,
  api_key: ApiKey,
  enabled: z.boolean().default(true),
})
export type CreateProviderBody = z.infer<typeof CreateProviderBody>

export const UpdateProviderBody = z
  .strictObject({
    label: Label.optional(),
    base_url: BaseUrl.nullable().optional(),
    models: ProviderModels.optional(),
    /** A new key replaces the stored one; left out, the stored key stays. */
    api_key: ApiKey.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one field.')
export type UpdateProviderBody = z.infer<typeof UpdateProviderBody>

/** A provider as admins see it: never the key, only its last 4 characters. */
export const Provider = z.object({
  id: Id,
  kind: ProviderKind,
  label: z.string(),
  base_url: z.string().nullable(),
  models: ProviderModels,
  key_last4: z.string(),
  enabled: z.boolean(),
  position: z.number().int(),
  /** The circuit breaker: skipped until this time after repeated failures. */
  skipped_until: Timestamp.nullable(),
})
export type Provider = z.infer<typeof Provider>

export const ProviderOrderBody = z.strictObject({
  ids: z.array(Id).min(1).max(AI_LIMITS.providers),
})

export const AiSettings = z.object({
  monthly_token_budget: z.number().int(),
  student_daily_limit: z.number().int(),
  /** Tokens used this calendar month (all providers). */
  tokens_this_month: z.number().int(),
  providers: z.array(Provider),
  /** The platform's own Gemini key is set (GEMINI_API_KEY): used when the school has no provider. */
  platform_default: z.boolean(),
})
export type AiSettings = z.infer<typeof AiSettings>

export const UpdateAiSettingsBody = z
  .strictObject({
    monthly_token_budget: z.number().int().min(0).max(10_000_000_000).optional(),
    student_daily_limit: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'Change at least one field.')

export const UsageQuery = z.object({
  from: z.iso.date('Use a date, YYYY-MM-DD.').optional(),
  to: z.iso.date('Use a date, YYYY-MM-DD.').optional(),
})

/** One provider's day ("lessons" for answers from published lessons, "safety" for fixed replies). */
export const UsageRow = z.object({
  day: z.string(),
  provider: z.string(),
  requests: z.number().int(),
  tokens_in: z.number().int(),
  tokens_out: z.number().int(),
  failures: z.number().int(),
  fallbacks: z.number().int(),
})
export type UsageRow = z.infer<typeof UsageRow>
export const Usage = z.object({ from: z.string(), to: z.string(), rows: z.array(UsageRow) })
export type Usage = z.infer<typeof Usage>
