import { type ComponentProps, createEffect, createSignal, lazy, Show, Suspense } from 'solid-js'
import type { NewTicketDialog as Dialog } from './NewTicketDialog.tsx'

/** Starts loading the dialog (on pointing at or focusing what opens it), so a click finds it ready. */
export const preloadNewTicketDialog = () => import('./NewTicketDialog.tsx')

const Loaded = lazy(() => preloadNewTicketDialog().then((m) => ({ default: m.NewTicketDialog })))

/**
 * The new-ticket dialog, loaded the first time it opens: its form, zod and the support contract
 * stay out of the pages (and the header) that only offer it.
 */
export function NewTicketDialog(props: ComponentProps<typeof Dialog>) {
  const [wanted, setWanted] = createSignal(false)
  createEffect(() => props.open && setWanted(true))
  return (
    <Show when={wanted()}>
      <Suspense>
        <Loaded {...props} />
      </Suspense>
    </Show>
  )
}
