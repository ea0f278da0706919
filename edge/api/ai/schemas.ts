import * as A from '../../contract/ai.ts'
import * as R from '../../contract/routes/ai.ts'
import { integerFields, named, pathParams } from '../core/openapi.ts'

// The AI tutor contract's schemas as the OpenAPI document shows them (components/schemas/<Name>).
// apiRoute() looks these forms up when a route is built, so every routes file of the feature
// imports this module (`import './schemas.ts'`) before building its routes.

named(A.Citation, 'TutorCitation')
named(A.TutorMessage, 'TutorMessage')
named(A.ConversationSummary, 'TutorConversation')
named(A.ConversationList, 'TutorConversationList')
named(A.ConversationDetail, 'TutorConversationDetail')
named(A.UpdateConversationBody, 'UpdateTutorConversation')
named(A.HandoffBody, 'TutorHandoff')
named(A.Handoff, 'TutorHandoffTicket')
named(A.TutorStatus, 'TutorStatus')
named(A.CourseTutor, 'CourseTutor')
named(A.CourseTutorBody, 'PutCourseTutor')
named(A.ProviderModels, 'AiProviderModels')
named(A.Provider, 'AiProvider')
named(A.CreateProviderBody, 'CreateAiProvider')
named(A.UpdateProviderBody, 'UpdateAiProvider')
named(A.ProviderOrderBody, 'AiProviderOrder')
named(A.AiSettings, 'AiSettings')
named(A.UpdateAiSettingsBody, 'UpdateAiSettings')
named(A.UsageRow, 'AiUsageRow')
named(A.Usage, 'AiUsage')

integerFields(A.ConversationListQuery, 'limit')

const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })

pathParams(R.AiTenantParams, { tenantId: uuid('The school (tenant) id.') })
pathParams(R.ConversationParams, { id: uuid('The tutor conversation id.') })
pathParams(R.ProviderParams, { id: uuid('The AI provider id.') })
pathParams(R.CourseTutorParams, { id: uuid('The course id.') })
