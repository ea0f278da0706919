import { useLiveStatus } from '../../../shell/state/live.ts'

/** A small "Live" / "Reconnecting…" / "Offline" marker for pages that update by themselves. */
export function LiveIndicator() {
  const status = useLiveStatus()
  const view = () => {
    switch (status()) {
      case 'open':
        return { text: 'Live', dot: 'bg-success' }
      case 'idle':
      case 'connecting':
        return { text: 'Connecting…', dot: 'bg-warn animate-pulse' }
      case 'reconnecting':
        return { text: 'Reconnecting…', dot: 'bg-warn animate-pulse' }
      default:
        return { text: 'Offline — reload to update', dot: 'bg-muted' }
    }
  }
  return (
    <span role="status" class="inline-flex items-center gap-1.5 text-xs text-muted" data-live={status()}>
      <span class={`size-2 rounded-full ${view().dot}`} aria-hidden="true" />
      {view().text}
    </span>
  )
}
