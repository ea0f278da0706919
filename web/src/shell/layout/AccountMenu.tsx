import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import { useNavigate } from '@solidjs/router'
import LogOut from 'lucide-solid/icons/log-out'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import UserRound from 'lucide-solid/icons/user-round'
import { Show } from 'solid-js'
import { useSignOut } from '../../features/auth/useSignOut.ts'
import { initials } from '../../lib/format.ts'
import { useApp } from '../state/AppContext.tsx'

const ITEM =
  'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-subtle'

/** The signed-in person's menu: account, platform admin (super-admins), sign out. */
export function AccountMenu() {
  const { session } = useApp()
  const navigate = useNavigate()
  const signOut = useSignOut()
  return (
    <DropdownMenu placement="bottom-end">
      <DropdownMenu.Trigger
        class="flex items-center gap-2 rounded-full p-0.5 hover:bg-subtle"
        aria-label="Account menu"
      >
        <span
          class="grid size-9 place-items-center rounded-full bg-primary text-sm font-semibold text-on-primary"
          aria-hidden="true"
        >
          {initials(session.displayName())}
        </span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="card z-50 w-64 p-1 shadow-lg outline-none">
          <div class="border-b border-line px-3 py-2">
            <p class="truncate text-sm font-semibold">{session.displayName()}</p>
            <p class="truncate text-xs text-muted">{session.user()?.email}</p>
          </div>
          <div class="py-1">
            <DropdownMenu.Item class={ITEM} onSelect={() => navigate('/account')}>
              <UserRound size={16} />
              Account
            </DropdownMenu.Item>
            <Show when={session.isSuperadmin()}>
              <DropdownMenu.Item class={ITEM} onSelect={() => navigate('/admin')}>
                <ShieldCheck size={16} />
                Platform admin
              </DropdownMenu.Item>
            </Show>
            <DropdownMenu.Separator class="my-1 border-line" />
            <DropdownMenu.Item class={ITEM} onSelect={() => void signOut()}>
              <LogOut size={16} />
              Sign out
            </DropdownMenu.Item>
          </div>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
