import Monitor from 'lucide-solid/icons/monitor'
import Moon from 'lucide-solid/icons/moon'
import Sun from 'lucide-solid/icons/sun'
import { For } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { MENU_ITEM, Menu, MenuGroup, MenuRadioItem } from '../../ui/Menu.tsx'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'
import type { ThemePreference } from '../state/theme-preference.ts'

const t = translator(messages)

const OPTIONS: { value: ThemePreference; icon: typeof Sun }[] = [
  { value: 'light', icon: Sun },
  { value: 'dark', icon: Moon },
  { value: 'system', icon: Monitor },
]

/** Light / dark / system menu; the choice is remembered on this device. */
export function ThemeToggle() {
  const { theme } = useApp()
  return (
    <Menu
      label={t('theme.button', { choice: t(`theme.value.${theme.preference()}`) })}
      align="end"
      triggerClass="btn-ghost size-10 px-0"
      trigger={theme.resolved() === 'dark' ? <Moon size={18} /> : <Sun size={18} />}
      contentClass="card min-w-40 p-1 shadow-lg"
    >
      <MenuGroup label={t('theme.title')}>
        <For each={OPTIONS}>
          {(o) => (
            <MenuRadioItem
              checked={theme.preference() === o.value}
              onSelect={() => theme.setPreference(o.value)}
              class={`${MENU_ITEM} aria-checked:font-semibold aria-checked:text-primary`}
            >
              <o.icon size={16} />
              {t(`theme.${o.value}`)}
            </MenuRadioItem>
          )}
        </For>
      </MenuGroup>
    </Menu>
  )
}
