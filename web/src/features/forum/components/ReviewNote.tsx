import { Show } from 'solid-js'
import type { ReviewReason } from '../../../../../edge/contract/forum.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Why a thread or reply is hidden (held for its words, hidden after reports, or by a teacher), and its open reports for moderators. */
export function ReviewNote(props: { hidden: boolean; reason: ReviewReason; openReports: number }) {
  const text = () =>
    props.reason === 'words'
      ? t('review.words')
      : props.reason === 'reports'
        ? t('review.reports')
        : t('thread.hiddenNote')
  return (
    <>
      <Show when={props.hidden}>
        <p class="text-sm text-danger">{text()}</p>
      </Show>
      <Show when={props.openReports > 0}>
        <p class="text-sm font-medium text-warn">{t('review.open', { count: props.openReports })}</p>
      </Show>
    </>
  )
}
