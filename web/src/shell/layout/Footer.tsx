import { A } from '@solidjs/router'
import Mail from 'lucide-solid/icons/mail'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'

const t = translator(messages)

/** Bottom bar: what Kipindi is, and the local mailbox in local mode. */
export function Footer() {
  const { config } = useApp()
  return (
    <footer class="border-t border-line bg-surface">
      <div class="mx-auto flex max-w-6xl flex-col gap-3 px-4 py-6 text-sm text-muted sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>
          <span class="font-semibold text-fg">Kipindi</span> · {t('footer.tagline')}
        </p>
        <Show when={config.localMailbox}>
          <A href="/mailbox" class="inline-flex items-center gap-1.5 link">
            <Mail size={16} />
            {t('footer.mailbox')}
          </A>
        </Show>
      </div>
    </footer>
  )
}
