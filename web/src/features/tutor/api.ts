import { query } from '@solidjs/router'
import type { CreateProviderBody, UpdateProviderBody } from '../../../../edge/contract/ai.ts'
import type { TutorModeValue } from '../../../../edge/contract/ai-values.ts'
import { api } from '../../lib/runtime.ts'

// The tutor's calls to the api function: loaders (router queries) and actions. The chat itself
// streams from the ai-tutor function (chat-stream.ts).

/** What the conversation lists ask for (`scope=mine`: the student's own; `review`: their students'). */
export interface ListFilters {
  scope: 'mine' | 'review'
  course_id?: string
  flagged?: 'true'
  limit?: number
}

/** One page of conversations, newest first; `before` (a page's `next_before`) for older ones. */
export const getConversations = query(
  (tenantId: string, filters: ListFilters, before?: string) =>
    api().get('/tenants/:tenantId/ai/conversations', {
      params: { tenantId },
      query: { limit: 20, ...filters, before },
    }),
  'tutorConversations',
)

/** A conversation with its messages (the student's own, or read-only for their teachers). */
export const getConversation = query(
  (id: string) => api().get('/ai/conversations/:id', { params: { id } }),
  'tutorConversation',
)

/** Questions left today, whether AI answers are on, the course's mode. */
export const getTutorStatus = query(
  (tenantId: string, courseId?: string) =>
    api().get('/tenants/:tenantId/ai/status', { params: { tenantId }, query: { course_id: courseId } }),
  'tutorStatus',
)

/** "Ask a person": a support ticket carrying the transcript (the same ticket if there is one). */
export const handOff = (id: string) => api().post('/ai/conversations/:id/handoff', {}, { params: { id } })

export const getCourseTutor = (courseId: string) =>
  api().get('/courses/:id/tutor', { params: { id: courseId } })

export const setCourseTutor = (courseId: string, mode: TutorModeValue) =>
  api().put('/courses/:id/tutor', { mode }, { params: { id: courseId } })

/** Providers, budget and this month's tokens (owners and admins). */
export const getAiSettings = query(
  (tenantId: string) => api().get('/tenants/:tenantId/ai/settings', { params: { tenantId } }),
  'aiSettings',
)

/** Requests, tokens, failures and fallbacks per day per provider (the last 30 days by default). */
export const getAiUsage = query(
  (tenantId: string) => api().get('/tenants/:tenantId/ai/usage', { params: { tenantId } }),
  'aiUsage',
)

export const updateAiSettings = (
  tenantId: string,
  body: { monthly_token_budget?: number; student_daily_limit?: number },
) => api().patch('/tenants/:tenantId/ai/settings', body, { params: { tenantId } })

export const createProvider = (tenantId: string, body: CreateProviderBody) =>
  api().post('/tenants/:tenantId/ai/providers', body, { params: { tenantId } })

export const updateProvider = (id: string, body: UpdateProviderBody) =>
  api().patch('/ai/providers/:id', body, { params: { id } })

export const deleteProvider = (id: string) => api().delete('/ai/providers/:id', { params: { id } })

export const orderProviders = (tenantId: string, ids: string[]) =>
  api().put('/tenants/:tenantId/ai/providers/order', { ids }, { params: { tenantId } })
