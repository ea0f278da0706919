import { A, createAsync, revalidate } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createEffect, createSignal, For, on, onMount, Show } from 'solid-js'
import type { ConversationPage, DirectMessage } from '../../../../../edge/contract/messages.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDateTime, relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { usePageTitle } from '../../../ui/Page.tsx'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getConversation, getConversations, markRead, olderMessages } from '../api.ts'
import { messages } from '../messages.ts'
import { Composer } from './Composer.tsx'
import { PersonAvatar } from './PersonAvatar.tsx'

const t = translator(messages)

/** One conversation: the person, the messages (oldest first, older on demand), the reply box. */
export function ConversationView(props: { conversationId: string; tenantId: string }) {
  const page = createAsync(() => getConversation(props.conversationId))
  return <Show when={page()}>{(p) => <Thread page={p()} tenantId={props.tenantId} />}</Show>
}

function Thread(props: { page: ConversationPage; tenantId: string }) {
  const tenant = useTenant()
  const app = useApp()
  const c = () => props.page.conversation
  const [older, setOlder] = createSignal<DirectMessage[]>([])
  const [more, setMore] = createSignal(props.page.has_more)
  const [loadingOlder, setLoadingOlder] = createSignal(false)
  const shown = () => {
    const newest = new Set(props.page.messages.map((m) => m.id))
    return [...older().filter((m) => !newest.has(m.id)), ...props.page.messages]
  }
  usePageTitle(() => t('inbox.writeTo', { name: c().person.name }))

  // What I open is read: mark it, and the list's count follows.
  createEffect(
    on(
      () => c().unread,
      async (unread) => {
        if (unread === 0) return
        try {
          await markRead(c().id)
          await revalidate([getConversations.keyFor(props.tenantId), getConversation.keyFor(c().id)])
        } catch {
          // Marking read again on the next message is enough.
        }
      },
    ),
  )

  let log: HTMLOListElement | undefined
  const toBottom = () => log?.scrollTo({ top: log.scrollHeight })
  onMount(toBottom)
  createEffect(
    on(
      () => props.page.messages.at(-1)?.id,
      () => queueMicrotask(toBottom),
      { defer: true },
    ),
  )

  const showOlder = async () => {
    const first = shown()[0]
    if (!first) return
    setLoadingOlder(true)
    try {
      const page = await olderMessages(c().id, first.created_at)
      setOlder((list) => [...page.messages, ...list])
      setMore(page.has_more)
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setLoadingOlder(false)
    }
  }

  return (
    <div class="card flex flex-col">
      <header class="flex items-center gap-3 border-b border-line px-3 py-3 sm:px-4">
        <A
          href={`/t/${tenant().slug}/messages`}
          class="btn-ghost min-h-9 px-2 md:hidden"
          aria-label={t('inbox.back')}
        >
          <ArrowLeft size={18} aria-hidden="true" />
        </A>
        <PersonAvatar person={c().person} />
        <div class="min-w-0 flex-1">
          <h2 class="truncate font-semibold">
            <Show when={c().person.id && c().person.role} fallback={c().person.name}>
              <A href={`/t/${tenant().slug}/people/${c().person.id}`} class="hover:underline">
                {c().person.name}
              </A>
            </Show>
          </h2>
          <Show when={c().person.role} fallback={<span class="text-xs text-muted">{t('inbox.left')}</span>}>
            {(role) => <RoleBadge role={role()} />}
          </Show>
        </div>
      </header>
      <ol
        ref={log}
        role="log"
        aria-label={t('inbox.log', { name: c().person.name })}
        tabindex="0"
        class="flex max-h-[60dvh] min-h-48 flex-col gap-2 overflow-y-auto overscroll-contain px-3 py-4 sm:px-4"
      >
        <Show when={more()}>
          <li class="flex justify-center">
            <Button variant="ghost" class="min-h-8 text-sm" pending={loadingOlder()} onClick={showOlder}>
              {t('inbox.older')}
            </Button>
          </li>
        </Show>
        <Show when={shown().length === 0}>
          <li class="py-6 text-center text-sm text-muted">{t('inbox.noMessages')}</li>
        </Show>
        <For each={shown()}>{(m) => <Bubble message={m} mine={m.sender_id === app.session.userId()} />}</For>
      </ol>
      <Show
        when={c().can_send}
        fallback={
          <p class="border-t border-line px-4 py-3 text-sm text-muted">
            {t('inbox.readOnly', { name: c().person.name })}
          </p>
        }
      >
        <Composer conversationId={c().id} tenantId={props.tenantId} name={c().person.name} />
      </Show>
    </div>
  )
}

function Bubble(props: { message: DirectMessage; mine: boolean }) {
  return (
    <li class={`flex ${props.mine ? 'justify-end' : 'justify-start'}`} data-mine={props.mine}>
      <div class={`flex max-w-[85%] flex-col sm:max-w-[70%] ${props.mine ? 'items-end' : 'items-start'}`}>
        <p
          class={`whitespace-pre-wrap break-words rounded-2xl px-3.5 py-2 ${
            props.mine ? 'rounded-br-sm bg-brand-600 text-white' : 'rounded-bl-sm bg-subtle'
          }`}
        >
          {props.message.body}
        </p>
        <time
          class="mt-0.5 px-1 text-xs text-muted"
          datetime={props.message.created_at}
          title={formatDateTime(props.message.created_at)}
        >
          {relativeTime(props.message.created_at)}
        </time>
      </div>
    </li>
  )
}
