import * as M from '../../contract/messages.ts'
import * as R from '../../contract/routes/messages.ts'
import { named, pathParams } from '../core/openapi.ts'

// The messages contract's schemas as the OpenAPI document shows them.

named(M.ConversationSummary, 'ConversationSummary')
named(M.ConversationList, 'ConversationList')
named(M.ConversationPage, 'ConversationPage')
named(M.DirectMessage, 'DirectMessage')
named(M.NewConversationBody, 'NewConversation')
named(M.NewMessageBody, 'NewDirectMessage')
named(M.MessageableList, 'MessageableList')
named(M.BirthDate, 'BirthDate')
named(M.UpdateBirthDateBody, 'UpdateBirthDate')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.MessagesTenantParams, { tenantId: uuid('The school (tenant) id.') })
pathParams(R.ConversationParams, { conversationId: uuid('The conversation id.') })
pathParams(R.PersonParams, { tenantId: uuid('The school (tenant) id.'), userId: uuid('The person’s id.') })
