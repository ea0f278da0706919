import { createMemo, type JSX, lazy, Show, Suspense } from 'solid-js'

// Kobalte's dialog and its focus handling are about 12 KiB and a few milliseconds of a phone's
// main thread on every page that offers an action to confirm, though most visits never open one:
// the dialog loads when it first opens and stays mounted after (so closing animates and hands focus
// back as usual). Offline, where the chunk did not load, nothing opens: the action needs the network.
const ConfirmDialogView = lazy(() =>
  import('./lazy/ConfirmDialogView.tsx').catch(() => ({ default: (_: ConfirmDialogProps) => null })),
)

export interface ConfirmDialogProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  children: JSX.Element
  confirmLabel: string
  /** The button that closes without acting ("Cancel"); name it when the action is itself a cancel. */
  dismissLabel?: string
  /** Runs on confirm; a thrown error is shown in the dialog, success closes it. */
  onConfirm: () => Promise<void>
  danger?: boolean
}

/** "Are you sure?" with the action's own name on the button; keeps focus inside while open. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const opened = createMemo((was: boolean) => was || props.open, false)
  return (
    <Show when={opened()}>
      <Suspense>
        <ConfirmDialogView {...props} />
      </Suspense>
    </Show>
  )
}
