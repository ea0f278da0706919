import { createSignal, onCleanup, Show } from 'solid-js'

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
        <p class="border-line border-b bg-warn-soft px-4 py-2 text-center text-fg text-sm">
          You are offline. Lessons you opened before can still be read.
        </p>
      </Show>
    </div>
  )
}
