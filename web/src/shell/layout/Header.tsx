import { A, useLocation } from '@solidjs/router'
import { Show } from 'solid-js'
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx'
import { HelpButton } from '../../features/support/components/HelpButton.tsx'
import { useApp } from '../state/AppContext.tsx'
import { AccountMenu } from './AccountMenu.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { Logo } from './Logo.tsx'
import { MobileNav } from './MobileNav.tsx'
import { TenantSwitcher } from './TenantSwitcher.tsx'
import { ThemeToggle } from './ThemeToggle.tsx'

const AUTH_PAGES = ['/signin', '/signup', '/forgot-password', '/reset-password']

/** Top bar: logo, school switcher, role links, Help, notifications, theme and account menu (a drawer on phones). */
export function Header() {
  const { session } = useApp()
  const location = useLocation()
  const onAuthPage = () => AUTH_PAGES.includes(location.pathname)
  return (
    <header class="sticky top-0 z-40 border-b border-line bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <div class="mx-auto flex h-16 max-w-6xl items-center gap-3 px-4 sm:px-6">
        <Logo href={session.user() ? '/app' : '/'} />
        <Show when={session.user()}>
          <div class="hidden min-w-0 sm:block">
            <TenantSwitcher />
          </div>
        </Show>
        <div class="ml-auto flex items-center gap-1 sm:gap-2">
          <Show when={session.user()}>
            <nav aria-label="Main" class="hidden items-center gap-1 md:flex">
              <Show when={session.isSuperadmin()}>
                <A href="/admin" class="btn-ghost" activeClass="bg-subtle">
                  Admin
                </A>
              </Show>
            </nav>
          </Show>
          <Show when={session.user()}>
            <HelpButton />
            <NotificationBell />
          </Show>
          <LanguageSwitch />
          <ThemeToggle />
          <Show when={session.ready()}>
            <Show
              when={session.user()}
              fallback={
                <Show when={!onAuthPage()}>
                  <div class="hidden items-center gap-2 md:flex">
                    <A href="/signin" class="btn-ghost">
                      Sign in
                    </A>
                    <A href="/signup" class="btn-primary">
                      Get started
                    </A>
                  </div>
                </Show>
              }
            >
              <div class="hidden md:block">
                <AccountMenu />
              </div>
            </Show>
          </Show>
          <MobileNav />
        </div>
      </div>
    </header>
  )
}
