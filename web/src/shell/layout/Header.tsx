import { A, useLocation } from '@solidjs/router'
import { createSignal, lazy, Show, Suspense } from 'solid-js'
import { afterPageData } from '../../api/client.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'
import { AccountMenu } from './AccountMenu.tsx'
import { LanguageSwitch } from './LanguageSwitch.tsx'
import { Logo } from './Logo.tsx'
import { MobileNav } from './MobileNav.tsx'
import { TenantSwitcher } from './TenantSwitcher.tsx'
import { ThemeToggle } from './ThemeToggle.tsx'

const t = translator(messages)

// Signed-in extras, each its own chunk: Help's new-ticket dialog and the bell's popover bring a
// dialog library and the forms that a signed-out visitor's first screen has no use for.
const HelpButton = lazy(() =>
  import('../../features/support/components/HelpButton.tsx').then((m) => ({ default: m.HelpButton })),
)
const NotificationBell = lazy(() =>
  import('../../features/notifications/NotificationBell.tsx').then((m) => ({
    default: m.NotificationBell,
  })),
)

// Follows the person's access (shell/state/access-refresh.ts): rides the bell's live socket.
const AccessRefresh = lazy(() =>
  import('../state/access-refresh.ts').then((m) => ({ default: m.AccessRefresh })),
)

const AUTH_PAGES = ['/signin', '/signup', '/forgot-password', '/reset-password']

/**
 * True once the page has its data and the browser a quiet moment (api/client.ts's afterPageData):
 * Help and the bell wait for it, so their chunks never compete with the page's own code and data
 * on a slow link.
 */
function useAfterFirstScreen() {
  const [ready, setReady] = createSignal(false)
  afterPageData(() => setReady(true))
  return ready
}

/** Top bar: logo, school switcher, role links, Help, notifications, theme and account menu (a drawer on phones). */
export function Header() {
  const { session } = useApp()
  const location = useLocation()
  const onAuthPage = () => AUTH_PAGES.includes(location.pathname)
  // Each in its own task: the three in one were a long task right after the page's data.
  const help = useAfterFirstScreen()
  const bell = useAfterFirstScreen()
  const access = useAfterFirstScreen()
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
            <nav aria-label={t('nav.main')} class="hidden items-center gap-1 md:flex">
              <Show when={session.isSuperadmin()}>
                <A href="/admin" class="btn-ghost" activeClass="bg-subtle">
                  {t('nav.admin')}
                </A>
              </Show>
            </nav>
          </Show>
          <Show when={session.user()}>
            {/* Their own boundaries: the header never waits, they appear when loaded. */}
            <Show when={help()}>
              <Suspense>
                <HelpButton />
              </Suspense>
            </Show>
            <Show when={bell()}>
              <Suspense>
                <NotificationBell />
              </Suspense>
            </Show>
            <Show when={access()}>
              <Suspense>
                <AccessRefresh />
              </Suspense>
            </Show>
          </Show>
          <LanguageSwitch />
          {/* On phones the theme is chosen in the menu (the header has room for what is used daily). */}
          <div class="hidden sm:block">
            <ThemeToggle />
          </div>
          <Show when={session.ready()}>
            <Show
              when={session.user()}
              fallback={
                <Show when={!onAuthPage()}>
                  <div class="hidden items-center gap-2 md:flex">
                    <A href="/signin" class="btn-ghost">
                      {t('nav.signIn')}
                    </A>
                    <A href="/signup" class="btn-primary">
                      {t('nav.getStarted')}
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
