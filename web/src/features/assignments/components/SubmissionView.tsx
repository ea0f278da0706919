import { Show } from 'solid-js'
import type { Submission } from '../../../../../edge/contract/assignments.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { LazyAttachmentList } from '../../files/LazyAttachmentList.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** What a submission holds: when it came in (version, late), its text and its files (signed for the viewer). */
export function SubmissionView(props: { submission: Submission; penaltyPercent: number }) {
  const s = () => props.submission
  return (
    <div class="space-y-3">
      <p class="flex flex-wrap items-center gap-2 text-sm text-muted">
        <span>{t('submission.at', { time: formatDateTime(s().submitted_at) })}</span>
        <span aria-hidden="true">·</span>
        <span>{t('submission.version', { n: s().version })}</span>
        <Show when={s().late}>
          <span class="badge bg-warn-soft text-warn">
            {props.penaltyPercent > 0
              ? t('submission.latePenalty', { percent: props.penaltyPercent })
              : t('submission.late')}
          </span>
        </Show>
      </p>
      <Show when={s().body.trim()}>
        <div class="rounded-lg border border-line bg-surface p-3 text-sm break-words whitespace-pre-wrap">
          {s().body}
        </div>
      </Show>
      <Show when={s().files.length > 0}>
        <LazyAttachmentList files={s().files} />
      </Show>
      <Show when={!s().body.trim() && s().files.length === 0}>
        <p class="text-sm text-muted">{t('submission.empty')}</p>
      </Show>
    </div>
  )
}
