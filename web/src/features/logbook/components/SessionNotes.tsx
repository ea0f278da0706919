import { For, Show } from 'solid-js'
import type { LogbookSessionNote } from '../../../../../edge/contract/logbook.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The tutor's notes of the course's sessions about this student, beside the logbook (teachers only). */
export function SessionNotes(props: { notes: LogbookSessionNote[] }) {
  return (
    <Show when={props.notes.length > 0}>
      <section aria-labelledby="session-notes" class="card space-y-3 p-4 sm:p-5">
        <div>
          <h2 id="session-notes" class="font-semibold">
            {t('notes.title')}
          </h2>
          <p class="text-sm text-muted">{t('notes.intro')}</p>
        </div>
        <ul class="space-y-3">
          <For each={props.notes}>
            {(n) => (
              <li class="border-t border-line pt-3 first:border-t-0 first:pt-0">
                <p class="text-sm font-medium">
                  {n.title} ·{' '}
                  <time class="text-muted" datetime={n.starts_at}>
                    {formatDateTime(n.starts_at)}
                  </time>{' '}
                  · {n.tutor_name}
                </p>
                <p class="mt-1 whitespace-pre-wrap break-words text-sm">{n.notes}</p>
              </li>
            )}
          </For>
        </ul>
      </section>
    </Show>
  )
}
