import { createResource, For, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { formatDateTime, relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ErrorState } from '../../../ui/ErrorState.tsx'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { authCall, type Device } from '../security-api.ts'
import { messages } from '../security-messages.ts'

const t = translator(messages)

/** The sessions of the account (device, address, times), signing out one or all the others. */
export function DevicesSection() {
  const { supabase, config } = useApp()
  const [devices, { refetch }] = createResource(() =>
    authCall<Device[]>(supabase, config, 'GET', '/sessions'),
  )
  const others = () => (devices() ?? []).filter((d) => !d.current)

  const signOut = async (id: string) => {
    try {
      await authCall(supabase, config, 'DELETE', `/sessions/${id}`)
      toast.success(t('devices.signedOut'))
    } catch (e) {
      toast.error(errorMessage(e))
    }
    await refetch()
  }
  const signOutOthers = async () => {
    const { error } = await supabase.auth.signOut({ scope: 'others' })
    if (error) toast.error(errorMessage(error))
    else toast.success(t('devices.othersSignedOut'))
    await refetch()
  }

  return (
    <div class="space-y-4">
      <Show
        when={!devices.error}
        fallback={
          <ErrorState error={devices.error} title={t('devices.loadFailed')} onRetry={() => void refetch()} />
        }
      >
        <Show when={devices()} fallback={<ListSkeleton rows={2} />}>
          <ul class="divide-y divide-line" aria-label={t('devices.title')}>
            <For each={devices()}>
              {(d) => (
                <li class="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
                  <div class="min-w-0">
                    <p class="font-medium">
                      {d.device ?? t('devices.unknown')}
                      <Show when={d.current}>
                        <span class="ml-2 rounded bg-subtle px-2 py-0.5 text-xs">
                          {t('devices.thisDevice')}
                        </span>
                      </Show>
                    </p>
                    <p class="text-sm text-muted">
                      <span title={formatDateTime(d.last_seen_at)}>
                        {t('devices.lastSeen', { time: relativeTime(d.last_seen_at) })}
                      </span>
                      {' · '}
                      {t('devices.since', { time: formatDateTime(d.created_at) })}
                      <Show when={d.ip}>
                        {' · '}
                        {t('devices.address', { ip: d.ip ?? '' })}
                      </Show>
                    </p>
                  </div>
                  <Show when={!d.current}>
                    <Button
                      variant="secondary"
                      aria-label={`${t('devices.signOut')}: ${d.device ?? t('devices.unknown')}`}
                      onClick={() => signOut(d.id)}
                    >
                      {t('devices.signOut')}
                    </Button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <Show when={others().length > 0} fallback={<p class="text-sm text-muted">{t('devices.empty')}</p>}>
            <Button variant="danger" onClick={signOutOthers}>
              {t('devices.signOutOthers')}
            </Button>
          </Show>
        </Show>
      </Show>
    </div>
  )
}
