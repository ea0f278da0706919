import { createAsync, revalidate, useParams } from '@solidjs/router'
import MessageCirclePlus from 'lucide-solid/icons/message-circle-plus'
import { createSignal, onCleanup, Show } from 'solid-js'
import { userTopic } from '../../../../edge/contract/support-values.ts'
import { coalesce } from '../../lib/coalesce.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { useLiveTopic } from '../../shell/state/live.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton, PageSkeleton } from '../../ui/Skeleton.tsx'
import { getConversation, getConversations } from './api.ts'
import { ConversationList } from './components/ConversationList.tsx'
import { ConversationView } from './components/ConversationView.tsx'
import { PersonPicker } from './components/PersonPicker.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * /t/:slug/messages and /t/:slug/messages/:conversationId — my direct messages in the school: the
 * conversations beside the open one on a laptop, one or the other on a phone. A new message in any
 * of them (the `direct` event on my user topic) reloads the list and the open conversation.
 */
export default function Inbox() {
  const params = useParams()
  const tenant = useTenant()
  const app = useApp()
  const [picking, setPicking] = createSignal(false)
  const open = () => params.conversationId
  usePageTitle(() => t('inbox.docTitle', { school: tenant().name }))

  const reload = coalesce(() => {
    const id = open()
    void revalidate([getConversations.keyFor(tenant().id), ...(id ? [getConversation.keyFor(id)] : [])])
  }, 250)
  onCleanup(reload.cancel)
  let subscribedOnce = false
  useLiveTopic(() => (app.session.userId() ? userTopic(app.session.userId() as string) : undefined), {
    onEvent: (event) => event.event === 'direct' && reload.trigger(),
    // After a reconnect: load what was missed (the first confirmation finds the page just loaded).
    onSubscribed: () => {
      if (subscribedOnce) reload.trigger()
      subscribedOnce = true
    },
  })

  return (
    <div class="space-y-5">
      <div class={`flex flex-wrap items-end justify-between gap-3 ${open() ? 'max-md:hidden' : ''}`}>
        <div>
          <h1 class="text-2xl font-bold tracking-tight">{t('inbox.title')}</h1>
          <p class="mt-1 text-sm text-muted">{t('inbox.intro')}</p>
        </div>
        <Button onClick={() => setPicking(!picking())} aria-expanded={picking()}>
          <MessageCirclePlus size={16} aria-hidden="true" />
          {t('inbox.new')}
        </Button>
      </div>
      <Show when={picking()}>
        <PersonPicker tenantId={tenant().id} onClose={() => setPicking(false)} />
      </Show>
      <div class="grid grid-cols-1 gap-4 md:grid-cols-[minmax(15rem,20rem)_minmax(0,1fr)]">
        <section aria-label={t('inbox.list')} class={`min-w-0 ${open() ? 'max-md:hidden' : ''}`}>
          <Boundary keys={getConversations.keyFor(tenant().id)} fallback={<ListSkeleton rows={4} />}>
            <Conversations tenantId={tenant().id} open={open()} />
          </Boundary>
        </section>
        <section class={`min-w-0 ${open() ? '' : 'max-md:hidden'}`}>
          <Show
            when={open()}
            keyed
            fallback={<p class="card p-6 text-center text-sm text-muted">{t('inbox.pick')}</p>}
          >
            {(id) => (
              <Boundary keys={getConversation.keyFor(id)} fallback={<PageSkeleton rows={3} />}>
                <ConversationView conversationId={id} tenantId={tenant().id} />
              </Boundary>
            )}
          </Show>
        </section>
      </div>
    </div>
  )
}

function Conversations(props: { tenantId: string; open?: string }) {
  const list = createAsync(() => getConversations(props.tenantId))
  return (
    <Show when={list()}>
      {(l) => (
        <ConversationList conversations={l().conversations} adultAge={l().adult_age} open={props.open} />
      )}
    </Show>
  )
}
