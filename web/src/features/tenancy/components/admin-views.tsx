import { For } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { ConsoleView } from '../Admin.data.ts'
import { consoleMessages } from './admin-messages.ts'

const c = translator(consoleMessages)

const VIEWS: { view: ConsoleView; href: string; label: 'console.viewSchools' | 'console.viewPlatform' }[] = [
  { view: 'schools', href: '/admin', label: 'console.viewSchools' },
  { view: 'platform', href: '/admin?view=platform', label: 'console.viewPlatform' },
]

/**
 * The console's two views, as links: the schools, or the platform's dashboard. The view is in the URL,
 * so each can open in a tab (plain links: the router's would mark both current, their path is the same).
 */
export function ConsoleViews(props: { view: ConsoleView }) {
  return (
    <nav aria-label={c('console.views')} class="mb-6">
      <ul class="inline-flex gap-1 rounded-xl border border-line bg-surface p-1">
        <For each={VIEWS}>
          {(v) => (
            <li>
              <a
                href={v.href}
                aria-current={props.view === v.view ? 'page' : undefined}
                class="block rounded-lg px-3 py-1.5 text-sm font-medium text-muted hover:underline aria-[current=page]:bg-primary aria-[current=page]:text-on-primary"
              >
                {c(v.label)}
              </a>
            </li>
          )}
        </For>
      </ul>
    </nav>
  )
}
