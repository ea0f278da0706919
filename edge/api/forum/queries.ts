import {
  FORUM_REACTIONS,
  type ForumListFilter,
  type ForumReaction,
  type ForumRole,
  type ForumThread,
  type ForumThreadPage,
  type ReactionCounts,
} from '../../contract/forum.ts'
import type { Answers, Tx } from '../../lib/db.ts'
import { forbidden, notFound } from '../../lib/errors.ts'
import { mentionedPeople } from '../mentions/names.ts'
import { containsPattern } from '../tenancy/member-search.ts'

// Reads of the course forums, under RLS (supabase/migrations/20261209000000_course_forum.sql
// decides who sees what, including hidden threads and replies). The `can_*` flags repeat the
// database's rules for the buttons only; the database still refuses what they would hide.

export const threadNotFound = () =>
  notFound('forum_thread_not_found', 'That thread is not there any more, or you cannot see it.')

/** The caller's part in the course's forum; 404 when they have none (or there is no such course). */
export async function forumRole(tx: Tx, courseId: string): Promise<ForumRole> {
  return forumRoleOf(await forumRoleQuery(tx, courseId))
}

/** forumRole's read, unsent (for withUserRead); `forumRoleOf` answers. */
export const forumRoleQuery = (tx: Tx, courseId: string) =>
  tx<{ role: ForumRole | null }[]>`select private.forum_role(${courseId}) as role`

export function forumRoleOf([row]: readonly { role: ForumRole | null }[]): ForumRole {
  if (!row?.role) throw notFound('course_not_found', 'No such course, or you are not in it.')
  return row.role
}

/** Refuses readers (parents): they read the forum but write nothing. */
export function requireWriter(role: ForumRole) {
  if (role === 'reader') throw forbidden('forum_read_only', 'You can read this forum but not write in it.')
}

/** The course of a thread the caller can see, or 404. */
export async function threadCourse(
  tx: Tx,
  threadId: string,
): Promise<{ course_id: string; locked: boolean }> {
  const [row] = await tx<{ course_id: string; locked: boolean }[]>`
    select course_id, locked from public.forum_threads where id = ${threadId}`
  if (!row) throw threadNotFound()
  return row
}

/** Marks the thread read by the caller now (their own replies and threads count as read). */
export async function markRead(tx: Tx, threadId: string) {
  await tx`
    insert into public.forum_reads (thread_id) values (${threadId})
    on conflict (user_id, thread_id) do update set read_at = now()`
}

type PageRow = ForumThreadPage['threads'][number] & { total: number; unread_total: number; to_review: number }

/**
 * The reads of one page of a course's threads, unsent (for withUserRead): the caller's role, the
 * page, and the course's first thread (an empty page carries no counts: it does). `threadPageOf` answers.
 */
export function threadPageQueries(tx: Tx, courseId: string, q: ForumListFilter) {
  const page = (
    category: string | null,
    pattern: string | null,
    review: boolean,
    limit: number,
    offset: number,
  ) =>
    tx<PageRow[]>`
      select id, course_id, category, title, excerpt, author_id, author_name, author_teaches, pinned, locked,
        hidden, review_reason, open_reports, answered, reply_count, last_post_at, created_at, unread,
        total, unread_total, to_review
      from public.forum_thread_page(${courseId}, ${category}, ${pattern}, ${review}, ${limit}, ${offset})`
  return [
    forumRoleQuery(tx, courseId),
    page(q.category ?? null, q.q ? containsPattern(q.q) : null, Boolean(q.review), q.limit, q.offset),
    page(null, null, false, 1, 0),
  ] as const
}

/** One page of a course's threads: pinned first, then the latest activity; `q` in titles, first posts and replies. */
export function threadPageOf([roleRows, rows, [first]]: Answers<
  ReturnType<typeof threadPageQueries>
>): ForumThreadPage {
  const role = forumRoleOf(roleRows)
  const counts = rows[0] ?? first
  return {
    threads: rows.map(({ total: _, unread_total: __, to_review: ___, ...t }) => t),
    total: rows[0]?.total ?? 0,
    unread: counts?.unread_total ?? 0,
    to_review: counts?.to_review ?? 0,
    role,
  }
}

/** Open reports of a thread (post null) or a reply, for moderators; 0 for everyone else. */
const openReports = (tx: Tx, role: ForumRole, thread: ReturnType<Tx>, post: ReturnType<Tx> | null) =>
  role === 'moderator'
    ? tx`(select count(*)::int from public.forum_reports fr where fr.thread_id = ${thread}
          and ${post ? tx`fr.post_id = ${post}` : tx`fr.post_id is null`} and fr.resolved_at is null)`
    : tx`0`

type ThreadRow = Omit<ForumThread, 'posts' | 'role' | `can_${string}`> & {
  me: string | null
  others_replied: boolean
}

/** A thread with its replies, as the caller may see them, and what they may do; 404 when they cannot see it. */
export async function readThread(tx: Tx, threadId: string): Promise<ForumThread> {
  const [t] = await tx<ThreadRow[]>`
    select t.id, t.course_id, t.category, t.title, t.body, t.author_id, coalesce(p.display_name, '') as author_name,
      private.forum_teaches(t.course_id, t.author_id) as author_teaches, t.pinned, t.locked, t.hidden,
      t.review_reason, t.answered_post_id is not null as answered, t.answered_post_id, t.reply_count, t.last_post_at, t.created_at,
      t.edited_at, (select auth.uid()) as me, ${mentionedPeople(tx, tx`t.mentions`)} as mentions,
      exists (select 1 from public.forum_posts fp where fp.thread_id = t.id and fp.author_id is distinct from t.author_id) as others_replied
    from public.forum_threads t left join public.profiles p on p.id = t.author_id
    where t.id = ${threadId}`
  if (!t) throw threadNotFound()
  const role = await forumRole(tx, t.course_id)
  const [counted] = await tx<{ reports: number }[]>`
    select ${openReports(tx, role, tx`${threadId}::uuid`, null)} as reports`
  const moderator = role === 'moderator'
  const writes = role !== 'reader'
  const open = !t.locked || moderator
  const posts = await tx<Omit<ForumThread['posts'][number], 'can_edit' | 'can_delete' | 'can_report'>[]>`
    select fp.id, fp.body, fp.author_id, coalesce(p.display_name, '') as author_name,
      private.forum_teaches(fp.course_id, fp.author_id) as author_teaches, fp.hidden, fp.review_reason,
      ${openReports(tx, role, tx`fp.thread_id`, tx`fp.id`)} as open_reports, fp.edited_at, fp.created_at,
      ${mentionedPeople(tx, tx`fp.mentions`)} as mentions
    from public.forum_posts fp left join public.profiles p on p.id = fp.author_id
    where fp.thread_id = ${threadId}
    order by fp.created_at, fp.id`
  const reactions = await reactionCounts(tx, threadId)
  const { me, others_replied, ...thread } = t
  const mine = (author: string | null) => author !== null && author === me
  return {
    ...thread,
    role,
    posts: posts.map((post) => ({
      ...post,
      can_edit: mine(post.author_id) && writes && open,
      can_delete: (mine(post.author_id) && writes) || moderator,
      can_report: !mine(post.author_id),
      reactions: reactions.get(post.id) ?? [],
    })),
    reactions: reactions.get(null) ?? [],
    can_react: writes,
    open_reports: counted?.reports ?? 0,
    can_edit: mine(t.author_id) && writes && open,
    can_delete: moderator || (mine(t.author_id) && writes && !others_replied),
    can_reply: writes && open,
    can_mark_answer: t.category === 'question' && (moderator || (mine(t.author_id) && writes)),
    can_moderate: moderator,
    can_report: !mine(t.author_id),
  }
}

/** A thread's reactions by post (null: its first post), in the contract's order of reactions. */
async function reactionCounts(tx: Tx, threadId: string): Promise<Map<string | null, ReactionCounts>> {
  const rows = await tx<{ post_id: string | null; reaction: ForumReaction; count: number; mine: boolean }[]>`
    select post_id, reaction, count(*)::int as count, bool_or(user_id = (select auth.uid())) as mine
    from public.forum_reactions where thread_id = ${threadId}
    group by post_id, reaction
    order by array_position(${FORUM_REACTIONS as unknown as string[]}::text[], reaction)`
  const out = new Map<string | null, ReactionCounts>()
  for (const { post_id, ...r } of rows) out.set(post_id, [...(out.get(post_id) ?? []), r])
  return out
}
