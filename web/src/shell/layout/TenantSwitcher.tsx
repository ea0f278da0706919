import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useLocation, useNavigate } from '@solidjs/router'
import Check from 'lucide-solid/icons/check'
import ChevronsUpDown from 'lucide-solid/icons/chevrons-up-down'
import Plus from 'lucide-solid/icons/plus'
import School from 'lucide-solid/icons/school'
import { For, Show } from 'solid-js'
import { roleLabel } from '../../lib/format.ts'
import { useApp } from '../state/AppContext.tsx'

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
      <DropdownMenu placement="bottom-start">
        <DropdownMenu.Trigger class="btn-ghost h-10 max-w-[14rem] min-w-0 gap-2 border border-line px-3 font-medium sm:max-w-xs">
          <School size={16} class="shrink-0 text-muted" />
          <span class="sr-only">Switch school, current: </span>
          <span class="truncate">{current()?.tenant_name ?? 'Your schools'}</span>
          <ChevronsUpDown size={14} class="shrink-0 text-muted" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content class="card z-50 w-72 max-w-[calc(100vw-2rem)] p-1 shadow-lg outline-none">
            <DropdownMenu.Group>
              <DropdownMenu.GroupLabel class="px-3 py-1.5 text-xs font-semibold text-muted uppercase">
                Your schools
              </DropdownMenu.GroupLabel>
              <For each={tenant.memberships()}>
                {(m) => (
                  <DropdownMenu.Item
                    class="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-subtle"
                    onSelect={() => navigate(`/t/${m.tenant_slug}`)}
                  >
                    <span class="min-w-0 flex-1">
                      <span class="block truncate font-medium">{m.tenant_name}</span>
                      <span class="block text-xs text-muted">{roleLabel(m.role)}</span>
                    </span>
                    <Show when={m.tenant_slug === current()?.tenant_slug}>
                      <Check size={16} class="text-primary" aria-label="current" />
                    </Show>
                  </DropdownMenu.Item>
                )}
              </For>
            </DropdownMenu.Group>
            <DropdownMenu.Separator class="my-1 border-line" />
            <DropdownMenu.Item
              class="flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-subtle"
              onSelect={() => navigate('/app/new-school')}
            >
              <Plus size={16} />
              Create a school
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu>
    </Show>
  )
}
