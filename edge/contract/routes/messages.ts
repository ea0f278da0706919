import { z } from 'zod'
import * as M from '../messages.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Direct messages: my conversations in a school, one conversation, writing, read marks, whom I
// may message; and a student's date of birth, which the rule for minors reads.

export const MessagesTenantParams = z.object({ tenantId: Uuid })
export const ConversationParams = z.object({ conversationId: Uuid })
export const PersonParams = z.object({ tenantId: Uuid, userId: Uuid })

export const listDirectConversations = route({
  method: 'get',
  path: '/tenants/{tenantId}/conversations',
  params: MessagesTenantParams,
  responses: { 200: M.ConversationList },
})

export const startDirectConversation = route({
  method: 'post',
  path: '/tenants/{tenantId}/conversations',
  params: MessagesTenantParams,
  body: M.NewConversationBody,
  responses: { 200: M.StartedConversation },
})

export const getDirectConversation = route({
  method: 'get',
  path: '/conversations/{conversationId}',
  params: ConversationParams,
  query: M.ConversationQuery,
  responses: { 200: M.ConversationPage },
})

export const sendDirectMessage = route({
  method: 'post',
  path: '/conversations/{conversationId}/messages',
  params: ConversationParams,
  body: M.NewMessageBody,
  responses: { 201: M.DirectMessage },
})

export const readDirectConversation = route({
  method: 'post',
  path: '/conversations/{conversationId}/read',
  params: ConversationParams,
  responses: { 204: null },
})

export const listMessageable = route({
  method: 'get',
  path: '/tenants/{tenantId}/messageable',
  params: MessagesTenantParams,
  query: M.MessageableQuery,
  responses: { 200: M.MessageableList },
})

export const getBirthDate = route({
  method: 'get',
  path: '/tenants/{tenantId}/people/{userId}/birth-date',
  params: PersonParams,
  responses: { 200: M.BirthDate },
})

export const setBirthDate = route({
  method: 'put',
  path: '/tenants/{tenantId}/people/{userId}/birth-date',
  params: PersonParams,
  body: M.UpdateBirthDateBody,
  responses: { 200: M.BirthDate },
})
