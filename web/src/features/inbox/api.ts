import { query } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

// Direct messages' calls to the api function (edge/contract/routes/messages.ts).

/** My conversations in the school, newest first. */
export const getConversations = query(
  (tenantId: string) => api().get('/tenants/:tenantId/conversations', { params: { tenantId } }),
  'dm-conversations',
)

/** A conversation with its newest messages. */
export const getConversation = query(
  (conversationId: string) => api().get('/conversations/:conversationId', { params: { conversationId } }),
  'dm-conversation',
)

/** Older messages than `before`. */
export const olderMessages = (conversationId: string, before: string) =>
  api().get('/conversations/:conversationId', { params: { conversationId }, query: { before } })

/** My conversation with a person of the school (started when there is none). */
export const startConversation = (tenantId: string, personId: string) =>
  api().post('/tenants/:tenantId/conversations', { person_id: personId }, { params: { tenantId } })

export const sendMessage = (conversationId: string, body: string) =>
  api().post('/conversations/:conversationId/messages', { body }, { params: { conversationId } })

export const markRead = (conversationId: string) =>
  api().post('/conversations/:conversationId/read', {}, { params: { conversationId } })

/** People of the school I may message now. */
export const findPeople = (tenantId: string, q: string) =>
  api().get('/tenants/:tenantId/messageable', { params: { tenantId }, query: { q } })

export const getBirthDate = query(
  (tenantId: string, userId: string) =>
    api().get('/tenants/:tenantId/people/:userId/birth-date', { params: { tenantId, userId } }),
  'birth-date',
)

export const setBirthDate = (tenantId: string, userId: string, birthDate: string | null) =>
  api().put(
    '/tenants/:tenantId/people/:userId/birth-date',
    { birth_date: birthDate },
    { params: { tenantId, userId } },
  )
