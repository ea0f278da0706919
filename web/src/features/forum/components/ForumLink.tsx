import { A, createAsync } from '@solidjs/router'
import MessagesSquare from 'lucide-solid/icons/messages-square'
import { Show } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { getForumThreads } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The course page's way into its discussion, with how many threads have something new for the
 * caller; nothing for people outside the forum (the list answers 404 to them).
 */
export function ForumLink(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const page = createAsync(() => getForumThreads(props.course.id, { limit: 1 }).catch(() => undefined))
  return (
    <Show when={page()}>
      {(p) => (
        <A
          href={`/t/${tenant().slug}/courses/${props.course.id}/forum`}
          class="btn-secondary inline-flex items-center gap-2"
        >
          <MessagesSquare size={16} aria-hidden="true" />
          {p().unread > 0 ? t('forum.linkUnread', { count: p().unread }) : t('forum.link')}
        </A>
      )}
    </Show>
  )
}
