import * as F from '../../contract/forum.ts'
import * as R from '../../contract/routes/forum.ts'
import { named, pathParams } from '../core/openapi.ts'

// The forum contract's schemas as the OpenAPI document shows them; every routes file of the
// feature imports this module before building its routes.

named(F.ForumThreadSummary, 'ForumThreadSummary')
named(F.ForumThreadPage, 'ForumThreadPage')
named(F.ForumPost, 'ForumPost')
named(F.ForumThread, 'ForumThread')
named(F.NewForumThreadBody, 'NewForumThread')
named(F.UpdateForumThreadBody, 'UpdateForumThread')
named(F.NewForumPostBody, 'NewForumPost')
named(F.UpdateForumPostBody, 'UpdateForumPost')
named(F.NewForumReportBody, 'NewForumReport')
named(F.ForumReportResult, 'ForumReportResult')
named(F.ForumReactionBody, 'ForumReaction')
named(F.ForumSettings, 'ForumSettings')
named(F.UpdateForumSettingsBody, 'UpdateForumSettings')
const uuid = (description: string) => ({ description, example: '10000000-0000-4000-a000-000000000001' })
pathParams(R.ForumCourseParams, { courseId: uuid('The course id.') })
pathParams(R.ForumThreadParams, { threadId: uuid('The thread id.') })
pathParams(R.ForumPostParams, { postId: uuid('The reply id.') })
pathParams(R.ForumTenantParams, { tenantId: uuid('The school (tenant) id.') })
