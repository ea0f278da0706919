import { query } from '@solidjs/router'
import type {
  ForumCategory,
  ForumReactionBody,
  NewForumReportBody,
  NewForumThreadBody,
  UpdateForumPostBody,
  UpdateForumSettingsBody,
  UpdateForumThreadBody,
} from '../../../../edge/contract/forum.ts'
import { api } from '../../lib/runtime.ts'

// The course forums' calls to the api function (edge/contract/routes/forum.ts): loaders (router
// queries) and actions. Every action answers the whole thread.

/** What the list shows: a category, words to find, how many threads. */
export interface ForumFilter {
  category?: ForumCategory
  q?: string
  /** Only what waits for a moderator. */
  review?: boolean
  limit: number
}

/** One page of a course's threads (pinned first, then the latest activity). */
export const getForumThreads = query(
  (courseId: string, filter: ForumFilter) =>
    api().get('/courses/:courseId/forum/threads', {
      params: { courseId },
      query: {
        category: filter.category,
        q: filter.q || undefined,
        review: filter.review ? 'true' : undefined,
        limit: filter.limit,
        offset: 0,
      },
    }),
  'forum-threads',
)

/** A thread with its replies; reading it marks it read. */
export const getForumThread = query(
  (threadId: string) => api().get('/forum/threads/:threadId', { params: { threadId } }),
  'forum-thread',
)

export const createThread = (courseId: string, body: NewForumThreadBody) =>
  api().post('/courses/:courseId/forum/threads', body, { params: { courseId } })

export const updateThread = (threadId: string, body: UpdateForumThreadBody) =>
  api().patch('/forum/threads/:threadId', body, { params: { threadId } })

export const deleteThread = (threadId: string) =>
  api().delete('/forum/threads/:threadId', { params: { threadId } })

export const reply = (threadId: string, body: string, mentions: string[] = []) =>
  api().post('/forum/threads/:threadId/posts', { body, mentions }, { params: { threadId } })

export const updatePost = (postId: string, body: UpdateForumPostBody) =>
  api().patch('/forum/posts/:postId', body, { params: { postId } })

export const deletePost = (postId: string) => api().delete('/forum/posts/:postId', { params: { postId } })

/** Gives or takes back a reaction; answers the thread with the new counts. */
export const react = (threadId: string, body: ForumReactionBody) =>
  api().post('/forum/threads/:threadId/reactions', body, { params: { threadId } })

export const report = (threadId: string, body: NewForumReportBody) =>
  api().post('/forum/threads/:threadId/reports', body, { params: { threadId } })

/** The school's forum safety settings (members read them; admins change them). */
export const getForumSettings = query(
  (tenantId: string) => api().get('/tenants/:tenantId/forum/settings', { params: { tenantId } }),
  'forum-settings',
)

export const saveForumSettings = (tenantId: string, body: UpdateForumSettingsBody) =>
  api().put('/tenants/:tenantId/forum/settings', body, { params: { tenantId } })
