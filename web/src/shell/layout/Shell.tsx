import { useLocation } from '@solidjs/router'
import { createEffect, on, type ParentProps } from 'solid-js'
import { ToastRegion } from '../../ui/Toaster.tsx'
import { Footer } from './Footer.tsx'
import { Header } from './Header.tsx'
import { OfflineBanner } from './OfflineBanner.tsx'

/** The frame around every page: skip link, header, offline banner, main, footer, toasts. */
export function Shell(props: ParentProps) {
  const location = useLocation()
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
      <a
        href="#main"
        class="sr-only z-50 rounded-lg bg-primary px-4 py-2 text-on-primary focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <Header />
      <OfflineBanner />
      <main ref={main} id="main" tabindex="-1" class="flex-1 outline-none">
        {props.children}
      </main>
      <Footer />
      <ToastRegion />
    </div>
  )
}
