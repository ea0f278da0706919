import { createSignal, onCleanup, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * Says so while the browser is offline. The live region is always there (so the change is
 * announced) and empty online, so online pages never move.
 */
export function OfflineBanner() {
  const [online, setOnline] = createSignal(navigator.onLine)
  const update = () => setOnline(navigator.onLine)
  window.addEventListener('online', update)
  window.addEventListener('offline', update)
  onCleanup(() => {
    window.removeEventListener('online', update)
    window.removeEventListener('offline', update)
  })
  return (
    <div role="status">
      <Show when={!online()}>
        <p class="border-line border-b bg-warn-soft px-4 py-2 text-center text-fg text-sm">{t('offline')}</p>
      </Show>
    </div>
  )
}
