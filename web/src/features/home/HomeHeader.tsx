import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** The top of every home (under the school's name and tabs): a greeting by name, and what the page is for. */
export function HomeHeader(props: { intro: string }) {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => tenant().name)
  return (
    <header>
      <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">
        {t('home.hello', { name: session.displayName() })}
      </h1>
      <p class="mt-1 text-muted">{props.intro}</p>
    </header>
  )
}
