import RefreshCw from 'lucide-solid/icons/refresh-cw'
import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * "A new version of this lesson is published — Show it": a polite live region that is always on
 * the page (so the sentence is announced when it appears), filled while a newer version waits.
 */
export function NewVersionBar(props: { when: boolean; onShow: () => void }) {
  return (
    <div role="status" class="empty:hidden">
      <Show when={props.when}>
        <div class="mb-6 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-line bg-subtle px-4 py-3 text-sm">
          <span class="font-medium">{t('lesson.newVersion')}</span>
          <button
            type="button"
            class="btn-primary inline-flex items-center gap-1.5"
            onClick={() => props.onShow()}
          >
            <RefreshCw size={14} />
            {t('lesson.showNewVersion')}
          </button>
        </div>
      </Show>
    </div>
  )
}
