import { z } from 'zod'
import * as A from '../ai.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// The AI tutor's records in the api function: conversations (the student's own, and their
// teachers' read-only review), "Ask a person", a course's tutor mode, and the school's providers,
// budget and usage. The chat itself streams from the `ai-tutor` function (edge/contract/ai.ts).

export const AiTenantParams = z.object({ tenantId: Uuid })
export const ConversationParams = z.object({ id: Uuid })
export const ProviderParams = z.object({ id: Uuid })
export const CourseTutorParams = z.object({ id: Uuid })

export const listConversations = route({
  method: 'get',
  path: '/tenants/{tenantId}/ai/conversations',
  params: AiTenantParams,
  query: A.ConversationListQuery,
  responses: { 200: A.ConversationList },
})

export const getConversation = route({
  method: 'get',
  path: '/ai/conversations/{id}',
  params: ConversationParams,
  responses: { 200: A.ConversationDetail },
})

export const updateConversation = route({
  method: 'patch',
  path: '/ai/conversations/{id}',
  params: ConversationParams,
  body: A.UpdateConversationBody,
  responses: { 200: A.ConversationSummary },
})

export const handoffConversation = route({
  method: 'post',
  path: '/ai/conversations/{id}/handoff',
  params: ConversationParams,
  body: A.HandoffBody,
  bodyOptional: true,
  responses: { 201: A.Handoff, 200: A.Handoff },
})

export const getTutorStatus = route({
  method: 'get',
  path: '/tenants/{tenantId}/ai/status',
  params: AiTenantParams,
  query: A.TutorStatusQuery,
  responses: { 200: A.TutorStatus },
})

export const getCourseTutor = route({
  method: 'get',
  path: '/courses/{id}/tutor',
  params: CourseTutorParams,
  responses: { 200: A.CourseTutor },
})

export const setCourseTutor = route({
  method: 'put',
  path: '/courses/{id}/tutor',
  params: CourseTutorParams,
  body: A.CourseTutorBody,
  responses: { 200: A.CourseTutor },
})

export const getAiSettings = route({
  method: 'get',
  path: '/tenants/{tenantId}/ai/settings',
  params: AiTenantParams,
  responses: { 200: A.AiSettings },
})

export const updateAiSettings = route({
  method: 'patch',
  path: '/tenants/{tenantId}/ai/settings',
  params: AiTenantParams,
  body: A.UpdateAiSettingsBody,
  responses: { 200: A.AiSettings },
})

export const createProvider = route({
  method: 'post',
  path: '/tenants/{tenantId}/ai/providers',
  params: AiTenantParams,
  body: A.CreateProviderBody,
  responses: { 201: A.Provider },
})

export const updateProvider = route({
  method: 'patch',
  path: '/ai/providers/{id}',
  params: ProviderParams,
  body: A.UpdateProviderBody,
  responses: { 200: A.Provider },
})

export const deleteProvider = route({
  method: 'delete',
  path: '/ai/providers/{id}',
  params: ProviderParams,
  responses: { 204: null },
})

export const orderProviders = route({
  method: 'put',
  path: '/tenants/{tenantId}/ai/providers/order',
  params: AiTenantParams,
  body: A.ProviderOrderBody,
  responses: { 200: z.array(A.Provider) },
})

export const getAiUsage = route({
  method: 'get',
  path: '/tenants/{tenantId}/ai/usage',
  params: AiTenantParams,
  query: A.UsageQuery,
  responses: { 200: A.Usage },
})
