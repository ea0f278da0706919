import { useLocation } from '@solidjs/router'
import { createEffect, createSignal, lazy, on, type ParentProps, Show, Suspense } from 'solid-js'
import { afterPageData } from '../../api/client.ts'
import { ImpersonationGate } from '../../features/impersonation/Gate.tsx'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { Footer } from './Footer.tsx'
import { Header } from './Header.tsx'
import { OfflineBanner } from './OfflineBanner.tsx'

const t = translator(messages)

// Toasts (Kobalte) load after the first screen; one shown before that waits in the toaster's queue.
const ToastRegion = lazy(() => import('../../ui/Toaster.tsx').then((m) => ({ default: m.ToastRegion })))

/** The frame around every page: skip link, header, offline banner, main, footer, toasts. */
export function Shell(props: ParentProps) {
  const location = useLocation()
  const [toasts, setToasts] = createSignal(false)
  afterPageData(() => setToasts(true))
  let main: HTMLElement | undefined
  // After moving to another page, start keyboard and screen-reader users at its content.
  createEffect(
    on(
      () => location.pathname,
      () => main?.focus({ preventScroll: true }),
      { defer: true },
    ),
  )
  return (
    <div class="flex min-h-dvh flex-col">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link to #main; the handler adds the focus move */}
      <a
        href="#main"
        class="sr-only z-50 rounded-lg bg-primary px-4 py-2 text-on-primary focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
        onClick={(e) => {
          // Following "#main" only scrolls; moving focus is what lets the next Tab start in the content.
          e.preventDefault()
          main?.focus()
        }}
      >
        {t('skipToContent')}
      </a>
      <Header />
      <OfflineBanner />
      <ImpersonationGate />
      {/* At least a screen tall (less the 4rem header): the footer starts below the fold, so a page's
          content arriving after the frame never pushes it (or a scrollbar) across the screen. */}
      <main ref={main} id="main" tabindex="-1" class="min-h-[calc(100dvh-4rem)] flex-1 outline-none">
        {props.children}
      </main>
      <Footer />
      {/* Once the page has its data (api/client.ts): Kobalte's toaster then never delays it. */}
      <Show when={toasts()}>
        <Suspense>
          <ToastRegion />
        </Suspense>
      </Show>
    </div>
  )
}
