import { Show } from 'solid-js'
import type { ForumCategory } from '../../../../../edge/contract/forum.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const CATEGORY_CLASS: Record<ForumCategory, string> = {
  question: 'bg-primary/10 text-primary',
  announcement: 'bg-warn-soft text-warn',
  general: 'bg-subtle text-muted',
}

/** A thread's kind: question, announcement or general. */
export function CategoryBadge(props: { category: ForumCategory }) {
  return <span class={`badge ${CATEGORY_CLASS[props.category]}`}>{t(`forum.kind.${props.category}`)}</span>
}

/** The marks of a thread: answered, pinned, locked, hidden. */
export function ThreadMarks(props: { answered: boolean; pinned: boolean; locked: boolean; hidden: boolean }) {
  return (
    <>
      <Show when={props.answered}>
        <span class="badge bg-success-soft text-success">{t('forum.answered')}</span>
      </Show>
      <Show when={props.pinned}>
        <span class="badge bg-subtle text-muted">{t('forum.pinned')}</span>
      </Show>
      <Show when={props.locked}>
        <span class="badge bg-subtle text-muted">{t('forum.locked')}</span>
      </Show>
      <Show when={props.hidden}>
        <span class="badge bg-danger-soft text-danger">{t('forum.hidden')}</span>
      </Show>
    </>
  )
}

/** Who wrote it: their name (or "Former member"), with a teacher mark. */
export function AuthorName(props: { name: string; teaches: boolean }) {
  return (
    <>
      <span class="font-medium text-fg">{props.name || t('forum.formerMember')}</span>
      <Show when={props.teaches}>
        <span class="badge ml-1 bg-primary/10 text-primary">{t('forum.teacher')}</span>
      </Show>
    </>
  )
}
