import { A } from '@solidjs/router'
import Mail from 'lucide-solid/icons/mail'
import { Show } from 'solid-js'
import { useApp } from '../state/AppContext.tsx'

/** Bottom bar: what Kipindi is, and the local mailbox in local mode. */
export function Footer() {
  const { config } = useApp()
  return (
    <footer class="border-t border-line bg-surface">
      <div class="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          <span class="font-semibold text-fg">Kipindi</span> · live learning for schools in Kenya and beyond
        </p>
        <Show when={config.localMailbox}>
          <A href="/mailbox" class="inline-flex items-center gap-1.5 link">
            <Mail size={16} />
            Mailbox (local)
          </A>
        </Show>
      </div>
    </footer>
  )
}
