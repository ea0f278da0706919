import { useNavigate } from '@solidjs/router'
import LogOut from 'lucide-solid/icons/log-out'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import UserRound from 'lucide-solid/icons/user-round'
import { Show } from 'solid-js'
import { isPupilLoginEmail } from '../../../../edge/contract/pupils-values.ts'
import { AvatarImage } from '../../features/files/AvatarImage.tsx'
import { initials } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Menu, MenuItem, MenuSeparator } from '../../ui/Menu.tsx'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'
import { useLazySignOut } from './lazy-sign-out.ts'

const t = translator(messages)

/** The signed-in person's menu: account, platform admin (super-admins), sign out. */
export function AccountMenu() {
  const { session } = useApp()
  const navigate = useNavigate()
  const signOut = useLazySignOut()
  return (
    <Menu
      align="end"
      triggerClass="flex items-center gap-2 rounded-full p-0.5 hover:bg-subtle"
      trigger={
        // The name is text, not aria-label: the initials shown must not contradict it (WCAG 2.5.3).
        <>
          <AvatarImage
            path={session.user()?.user_metadata?.avatar_path as string | undefined}
            class="size-9 rounded-full"
            fallback={
              <span
                class="grid size-9 place-items-center rounded-full bg-primary text-sm font-semibold text-on-primary"
                aria-hidden="true"
              >
                {initials(session.displayName())}
              </span>
            }
          />
          <span class="sr-only">{t('menu.account')}</span>
        </>
      }
      contentClass="card w-64 p-1 shadow-lg"
      header={
        <div class="border-b border-line px-3 py-2">
          <p class="truncate text-sm font-semibold">{session.displayName()}</p>
          <Show when={!isPupilLoginEmail(session.user()?.email)}>
            <p class="truncate text-xs text-muted">{session.user()?.email}</p>
          </Show>
        </div>
      }
    >
      <div class="py-1" role="none">
        <MenuItem onSelect={() => navigate('/account')}>
          <UserRound size={16} />
          {t('menu.accountPage')}
        </MenuItem>
        <Show when={session.isSuperadmin()}>
          <MenuItem onSelect={() => navigate('/admin')}>
            <ShieldCheck size={16} />
            {t('menu.platformAdmin')}
          </MenuItem>
        </Show>
        <MenuSeparator />
        <MenuItem onSelect={() => void signOut()}>
          <LogOut size={16} />
          {t('menu.signOut')}
        </MenuItem>
      </div>
    </Menu>
  )
}
