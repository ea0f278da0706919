import { useNavigate } from '@solidjs/router'
import { createResource, createSignal, onCleanup, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Button } from '../../ui/Button.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { currentImpersonation, endImpersonation } from './api.ts'
import { bannerMessages } from './banner-messages.ts'
import type { Acting } from './claims.ts'

const t = translator(bannerMessages)

/**
 * "You are acting as <name> for support — reason — 23 min left — End", on every page while a
 * superadmin acts as someone. It ends by itself when the time is up; End returns to the superadmin.
 */
export default function Banner(props: { acting: Acting }) {
  const { session } = useApp()
  const navigate = useNavigate()
  const [about] = createResource(
    () => props.acting.impersonation,
    () => currentImpersonation(),
  )
  const [now, setNow] = createSignal(Date.now())
  const [ending, setEnding] = createSignal(false)
  const minutesLeft = () => Math.max(0, Math.ceil((props.acting.endsAt - now()) / 60_000))

  const end = async (expired: boolean) => {
    if (ending()) return
    setEnding(true)
    try {
      await endImpersonation()
      toast.success(expired ? t('imp.expired') : t('imp.ended'))
      navigate('/admin')
    } finally {
      setEnding(false)
    }
  }

  const timer = setInterval(() => {
    setNow(Date.now())
    if (props.acting.endsAt <= Date.now()) void end(true)
  }, 5_000)
  onCleanup(() => clearInterval(timer))

  return (
    <section
      class="sticky top-0 z-40 border-b border-warn bg-warn-soft px-4 py-2 text-sm text-fg"
      aria-label={t('imp.banner', { name: session.displayName() })}
      data-testid="impersonation-banner"
    >
      <div class="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-1">
        <strong>{t('imp.banner', { name: session.displayName() })}</strong>
        <Show when={about()?.reason}>
          {(reason) => (
            <span class="max-w-[28rem] truncate text-muted" title={reason()}>
              — {reason()}
            </span>
          )}
        </Show>
        <span role="timer" aria-live="off" class="tabular-nums">
          — {t('imp.left', { count: minutesLeft() })}
        </span>
        <Button
          variant="secondary"
          class="ml-auto"
          pending={ending()}
          aria-label={t('imp.endLabel', { name: session.displayName() })}
          onClick={() => void end(false)}
        >
          {t('imp.end')}
        </Button>
      </div>
    </section>
  )
}
