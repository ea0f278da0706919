import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import Monitor from 'lucide-solid/icons/monitor'
import Moon from 'lucide-solid/icons/moon'
import Sun from 'lucide-solid/icons/sun'
import { For } from 'solid-js'
import { useApp } from '../state/AppContext.tsx'
import type { ThemePreference } from '../state/theme-preference.ts'

const OPTIONS: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
  { value: 'system', label: 'System', icon: Monitor },
]

/** Light / dark / system menu; the choice is remembered on this device. */
export function ThemeToggle() {
  const { theme } = useApp()
  return (
    <DropdownMenu placement="bottom-end">
      <DropdownMenu.Trigger class="btn-ghost size-10 px-0" aria-label={`Theme: ${theme.preference()}`}>
        {theme.resolved() === 'dark' ? <Moon size={18} /> : <Sun size={18} />}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="card z-50 min-w-40 p-1 shadow-lg outline-none">
          <DropdownMenu.RadioGroup
            value={theme.preference()}
            onChange={(v) => theme.setPreference(v as ThemePreference)}
          >
            <DropdownMenu.GroupLabel class="px-3 py-1.5 text-xs font-semibold text-muted uppercase">
              Theme
            </DropdownMenu.GroupLabel>
            <For each={OPTIONS}>
              {(o) => (
                <DropdownMenu.RadioItem
                  value={o.value}
                  class="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-subtle data-[checked]:font-semibold data-[checked]:text-primary"
                >
                  <o.icon size={16} />
                  {o.label}
                </DropdownMenu.RadioItem>
              )}
            </For>
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
