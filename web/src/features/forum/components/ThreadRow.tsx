import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import type { ForumThreadSummary } from '../../../../../edge/contract/forum.ts'
import { relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { AuthorName, CategoryBadge, ThreadMarks } from './Badges.tsx'

const t = translator(messages)

/** One thread in the list: its title (bold when unread), kind, marks, author, replies and last activity. */
export function ThreadRow(props: { thread: ForumThreadSummary; slug: string }) {
  const href = () => `/t/${props.slug}/courses/${props.thread.course_id}/forum/${props.thread.id}`
  return (
    <li class="flex gap-3 px-4 py-3">
      <span
        class="mt-2 size-2 shrink-0 rounded-full"
        classList={{ 'bg-primary': props.thread.unread, 'bg-transparent': !props.thread.unread }}
        aria-hidden="true"
      />
      <div class="min-w-0 flex-1">
        <div class="flex flex-wrap items-center gap-1.5">
          <CategoryBadge category={props.thread.category} />
          <ThreadMarks {...props.thread} />
        </div>
        <A
          href={href()}
          class="link mt-1 block text-base"
          classList={{ 'font-semibold': props.thread.unread }}
        >
          {props.thread.title}
          <Show when={props.thread.unread}>
            <span class="sr-only"> ({t('forum.unread')})</span>
          </Show>
        </A>
        <p class="mt-0.5 line-clamp-2 text-sm text-muted">{props.thread.excerpt}</p>
        <p class="mt-1 text-xs text-muted">
          <AuthorName name={props.thread.author_name} teaches={props.thread.author_teaches} /> ·{' '}
          {t('forum.replies', { count: props.thread.reply_count })} ·{' '}
          {t('forum.activity', { when: relativeTime(props.thread.last_post_at) })}
        </p>
      </div>
    </li>
  )
}
