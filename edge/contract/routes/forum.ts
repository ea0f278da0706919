import { z } from 'zod'
import * as F from '../forum.ts'
import * as M from '../mentions.ts'
import { Uuid } from '../tenancy.ts'
import { route } from './route.ts'

// Course discussion forums: a course's threads, one thread with its replies, and the changes
// people make to them.

export const ForumCourseParams = z.object({ courseId: Uuid })
export const ForumThreadParams = z.object({ threadId: Uuid })
export const ForumPostParams = z.object({ postId: Uuid })
export const ForumTenantParams = z.object({ tenantId: Uuid })

export const listForumThreads = route({
  method: 'get',
  path: '/courses/{courseId}/forum/threads',
  params: ForumCourseParams,
  query: F.ForumListQuery,
  responses: { 200: F.ForumThreadPage },
})

export const createForumThread = route({
  method: 'post',
  path: '/courses/{courseId}/forum/threads',
  params: ForumCourseParams,
  body: F.NewForumThreadBody,
  responses: { 201: F.ForumThread },
})

export const getForumThread = route({
  method: 'get',
  path: '/forum/threads/{threadId}',
  params: ForumThreadParams,
  responses: { 200: F.ForumThread },
})

export const updateForumThread = route({
  method: 'patch',
  path: '/forum/threads/{threadId}',
  params: ForumThreadParams,
  body: F.UpdateForumThreadBody,
  responses: { 200: F.ForumThread },
})

export const deleteForumThread = route({
  method: 'delete',
  path: '/forum/threads/{threadId}',
  params: ForumThreadParams,
  responses: { 204: null },
})

export const createForumPost = route({
  method: 'post',
  path: '/forum/threads/{threadId}/posts',
  params: ForumThreadParams,
  body: F.NewForumPostBody,
  responses: { 201: F.ForumThread },
})

export const updateForumPost = route({
  method: 'patch',
  path: '/forum/posts/{postId}',
  params: ForumPostParams,
  body: F.UpdateForumPostBody,
  responses: { 200: F.ForumThread },
})

export const deleteForumPost = route({
  method: 'delete',
  path: '/forum/posts/{postId}',
  params: ForumPostParams,
  responses: { 200: F.ForumThread },
})

export const reportForumPost = route({
  method: 'post',
  path: '/forum/threads/{threadId}/reports',
  params: ForumThreadParams,
  body: F.NewForumReportBody,
  responses: { 201: F.ForumReportResult },
})

export const getForumSettings = route({
  method: 'get',
  path: '/tenants/{tenantId}/forum/settings',
  params: ForumTenantParams,
  responses: { 200: F.ForumSettings },
})

export const updateForumSettings = route({
  method: 'put',
  path: '/tenants/{tenantId}/forum/settings',
  params: ForumTenantParams,
  body: F.UpdateForumSettingsBody,
  responses: { 200: F.ForumSettings },
})

export const reactInForum = route({
  method: 'post',
  path: '/forum/threads/{threadId}/reactions',
  params: ForumThreadParams,
  body: F.ForumReactionBody,
  responses: { 200: F.ForumThread },
})

/** People of the course the caller may mention in its forum or its lessons' comments. */
export const listMentionable = route({
  method: 'get',
  path: '/courses/{courseId}/mentionable',
  params: ForumCourseParams,
  query: M.MentionableQuery,
  responses: { 200: M.MentionableList },
})
