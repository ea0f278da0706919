import { useLocation, useNavigate } from '@solidjs/router'
import Check from 'lucide-solid/icons/check'
import ChevronsUpDown from 'lucide-solid/icons/chevrons-up-down'
import Plus from 'lucide-solid/icons/plus'
import School from 'lucide-solid/icons/school'
import { For, Show } from 'solid-js'
import { roleLabel } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Menu, MenuGroup, MenuItem, MenuSeparator } from '../../ui/Menu.tsx'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'

const t = translator(messages)

/** The slug of the school in the URL (/t/<slug>/…), if any. */
export function useCurrentSlug() {
  const location = useLocation()
  return () => /^\/t\/([^/]+)/.exec(location.pathname)?.[1]
}

/** Dropdown of the user's schools with their role in each; picking one opens its dashboard. */
export function TenantSwitcher() {
  const { tenant } = useApp()
  const navigate = useNavigate()
  const slug = useCurrentSlug()
  const current = () => tenant.membershipFor(slug() ?? tenant.homeSlug())

  return (
    <Show when={tenant.memberships().length > 0}>
      <Menu
        align="start"
        triggerClass="btn-ghost h-10 max-w-[14rem] min-w-0 gap-2 border border-line px-3 font-medium sm:max-w-xs"
        trigger={
          <>
            <School size={16} class="shrink-0 text-muted" />
            <span class="sr-only">{t('schools.switch')} </span>
            <span class="truncate">{current()?.tenant_name ?? t('schools.title')}</span>
            <ChevronsUpDown size={14} class="shrink-0 text-muted" />
          </>
        }
        contentClass="card w-72 max-w-[calc(100vw-2rem)] p-1 shadow-lg"
      >
        <MenuGroup label={t('schools.title')}>
          <For each={tenant.memberships()}>
            {(m) => (
              <MenuItem onSelect={() => navigate(`/t/${m.tenant_slug}`)}>
                <span class="min-w-0 flex-1">
                  <span class="block truncate font-medium">{m.tenant_name}</span>
                  <span class="block text-xs text-muted">{roleLabel(m.role)}</span>
                </span>
                <Show when={m.tenant_slug === current()?.tenant_slug}>
                  <Check size={16} class="text-primary" aria-label={t('schools.current')} />
                </Show>
              </MenuItem>
            )}
          </For>
        </MenuGroup>
        <MenuSeparator />
        <MenuItem onSelect={() => navigate('/app/new-school')}>
          <Plus size={16} />
          {t('schools.create')}
        </MenuItem>
      </Menu>
    </Show>
  )
}
