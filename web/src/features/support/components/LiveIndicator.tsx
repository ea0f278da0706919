import { translator } from '../../../lib/i18n/i18n.ts'
import { useLiveStatus } from '../../../shell/state/live.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A small "Live" / "Reconnecting…" / "Offline" marker for pages that update by themselves. */
export function LiveIndicator() {
  const status = useLiveStatus()
  const view = () => {
    switch (status()) {
      case 'open':
        return { text: t('live.open'), dot: 'bg-success' }
      case 'idle':
      case 'connecting':
        return { text: t('live.connecting'), dot: 'bg-warn animate-pulse' }
      case 'reconnecting':
        return { text: t('live.reconnecting'), dot: 'bg-warn animate-pulse' }
      default:
        return { text: t('live.offline'), dot: 'bg-muted' }
    }
  }
  return (
    <span role="status" class="inline-flex items-center gap-1.5 text-xs text-muted" data-live={status()}>
      <span class={`size-2 rounded-full ${view().dot}`} aria-hidden="true" />
      {view().text}
    </span>
  )
}
