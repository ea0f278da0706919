import { Popover } from '@kobalte/core/popover'
import { useNavigate } from '@solidjs/router'
import Bell from 'lucide-solid/icons/bell'
import CheckCheck from 'lucide-solid/icons/check-check'
import { createSignal, For, Show } from 'solid-js'
import type { Notification } from '../../../../edge/contract/support.ts'
import { errorMessage } from '../../api/errors.ts'
import { relativeTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { messages } from './messages.ts'
import { useNotifications } from './useNotifications.ts'

const t = translator(messages)

/** "3", or "99+" past 99. */
const badgeText = (n: number) => (n > 99 ? '99+' : String(n))

/**
 * The bell in the header: unread count, live; a list of the newest notifications (a click opens
 * the ticket and marks it read) and "Mark all read". Escape closes and focus returns to the bell.
 */
export function NotificationBell() {
  const n = useNotifications()
  const navigate = useNavigate()
  const [open, setOpen] = createSignal(false)
  const label = () => t('bell.label', { count: n.unread() })

  async function follow(item: Notification) {
    setOpen(false)
    if (!item.read_at) void n.markRead([item.id]).catch(() => {})
    if (item.link.startsWith('/') && !item.link.startsWith('//')) navigate(item.link)
  }

  async function markAll() {
    try {
      await n.markRead('all')
    } catch (e) {
      toast.error(t('bell.markFailed'), errorMessage(e))
    }
  }

  return (
    <Popover open={open()} onOpenChange={setOpen} placement="bottom-end" gutter={6}>
      <Popover.Trigger class="btn-ghost relative size-10 px-0" aria-label={label()} title={label()}>
        <Bell size={20} aria-hidden="true" />
        <Show when={n.unread() > 0}>
          <span
            class="absolute top-1 right-1 grid h-4.5 min-w-4.5 place-items-center rounded-full bg-danger px-1 text-[0.65rem] leading-none font-bold text-white tabular-nums dark:text-[#2a0906]"
            aria-hidden="true"
            data-testid="bell-count"
          >
            {badgeText(n.unread())}
          </span>
        </Show>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content class="card z-50 flex max-h-[min(32rem,calc(100dvh-5rem))] w-[min(24rem,calc(100vw-1rem))] flex-col shadow-lg outline-none">
          <div class="flex items-center justify-between gap-2 border-b border-line px-4 py-3">
            <Popover.Title class="font-semibold">{t('bell.title')}</Popover.Title>
            <Show when={n.unread() > 0}>
              <button type="button" class="link inline-flex items-center gap-1 text-sm" onClick={markAll}>
                <CheckCheck size={16} aria-hidden="true" />
                {t('bell.markAll')}
              </button>
            </Show>
          </div>
          <div class="min-h-0 flex-1 overflow-y-auto">
            <Show
              when={n.loaded()}
              fallback={
                <Show
                  when={n.error()}
                  fallback={
                    <div role="status" class="space-y-3 p-4">
                      <span class="sr-only">{t('bell.loading')}</span>
                      <Skeleton class="h-10 w-full" />
                      <Skeleton class="h-10 w-full" />
                    </div>
                  }
                >
                  <div role="alert" class="p-4 text-sm">
                    <p class="text-danger">{n.error()}</p>
                    <button type="button" class="link mt-2" onClick={() => void n.reload()}>
                      {t('bell.retry')}
                    </button>
                  </div>
                </Show>
              }
            >
              <Show
                when={n.items().length > 0}
                fallback={<p class="px-4 py-10 text-center text-sm text-muted">{t('bell.empty')}</p>}
              >
                <ul class="divide-y divide-line" aria-label={t('bell.list')}>
                  <For each={n.items()}>
                    {(item) => (
                      <li>
                        <a
                          href={item.link || '#'}
                          class="flex gap-3 px-4 py-3 text-sm outline-none hover:bg-subtle focus-visible:bg-subtle"
                          onClick={(e) => {
                            if (e.metaKey || e.ctrlKey || e.shiftKey) return
                            e.preventDefault()
                            void follow(item)
                          }}
                        >
                          <span
                            class={`mt-1.5 size-2 shrink-0 rounded-full ${item.read_at ? 'bg-transparent' : 'bg-primary'}`}
                            aria-hidden="true"
                          />
                          <span class="min-w-0 flex-1">
                            <span class={`block ${item.read_at ? '' : 'font-semibold'}`}>
                              <Show when={!item.read_at}>
                                <span class="sr-only">{t('bell.unread')} </span>
                              </Show>
                              {item.title}
                            </span>
                            <Show when={item.body}>
                              <span class="mt-0.5 line-clamp-2 text-muted">{item.body}</span>
                            </Show>
                            <time class="mt-1 block text-xs text-muted" datetime={item.created_at}>
                              {relativeTime(item.created_at)}
                            </time>
                          </span>
                        </a>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover>
  )
}
