import { A, createAsync, revalidate, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Inbox from 'lucide-solid/icons/inbox'
import RefreshCw from 'lucide-solid/icons/refresh-cw'
import { createEffect, createSignal, For, type JSX, onCleanup, Show } from 'solid-js'
import { formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { Page } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import type { MailboxEmail } from './api.ts'
import { getMailbox } from './Mailbox.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

const ACTION_LABELS: Partial<Record<string, keyof typeof messages.en>> = {
  invite: 'action.invite',
  recovery: 'action.recovery',
  signup: 'action.confirm',
  confirmation: 'action.confirm',
  email_change: 'action.emailChange',
}

/**
 * Text with its URLs as links. Emails' links are followed with a full page load (rel=external): auth
 * links go through /auth/v1 and come back with a session in the URL hash, which supabase-js reads at start.
 */
function Linkified(props: { text: string }): JSX.Element {
  const parts = () => props.text.split(/(https?:\/\/[^\s<>"]+)/g)
  return (
    <For each={parts()}>
      {(part, i) =>
        i() % 2 === 1 ? (
          <a href={part} rel="external" class="link break-all">
            {part}
          </a>
        ) : (
          part
        )
      }
    </For>
  )
}

/** /mailbox — local mode only: every email the platform "sent", newest first. */
export default function Mailbox() {
  const { config } = useApp()
  const [params, setParams] = useSearchParams<{ to?: string; id?: string }>()
  const [filter, setFilter] = createSignal(params.to ?? '')

  // Debounce typing into the recipient filter before it becomes ?to=.
  createEffect(() => {
    const value = filter().trim()
    const timer = setTimeout(() => {
      if (value !== (params.to ?? '')) setParams({ to: value || undefined, id: undefined }, { replace: true })
    }, 300)
    onCleanup(() => clearTimeout(timer))
  })

  // New mail arrives from other tabs and from the API: look again every few seconds.
  const timer = setInterval(() => void revalidate(getMailbox.keyFor(params.to ?? ''), true), 5000)
  onCleanup(() => clearInterval(timer))

  return (
    <Page title={t('mailbox.title')} description={t('mailbox.text')}>
      <Show
        when={config.localMailbox}
        fallback={
          <EmptyState icon={<Inbox size={28} />} title={t('mailbox.unavailable')}>
            {t('mailbox.unavailableText')}
          </EmptyState>
        }
      >
        <div class="mb-4 flex flex-col gap-3 sm:flex-row sm:items-end">
          <div class="flex-1">
            <label for="mailbox-filter" class="mb-1.5 block text-sm font-medium">
              {t('mailbox.filter')}
            </label>
            <input
              id="mailbox-filter"
              type="search"
              class="input"
              placeholder={t('mailbox.filterPlaceholder')}
              value={filter()}
              onInput={(e) => setFilter(e.currentTarget.value)}
            />
          </div>
          <button
            type="button"
            class="btn-secondary"
            onClick={() => revalidate(getMailbox.keyFor(params.to ?? ''))}
          >
            <RefreshCw size={16} />
            {t('mailbox.refresh')}
          </button>
        </div>
        <Boundary fallback={<ListSkeleton />} keys={getMailbox.key}>
          <MailboxView to={params.to ?? ''} selectedId={params.id} />
        </Boundary>
      </Show>
    </Page>
  )
}

function MailboxView(props: { to: string; selectedId?: string }) {
  const emails = createAsync(() => getMailbox(props.to))
  const selected = () => emails()?.find((e) => e.id === props.selectedId)
  const href = (id?: string) => withQuery('/mailbox', { to: props.to || undefined, id })
  return (
    <Show when={emails()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState
              icon={<Inbox size={28} />}
              title={props.to ? t('mailbox.noneTo', { email: props.to }) : t('mailbox.none')}
            >
              {t('mailbox.noneText')}
            </EmptyState>
          }
        >
          <div class="grid grid-cols-1 gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
            <nav aria-label={t('mailbox.list')} class={selected() ? 'hidden lg:block' : ''}>
              <ul class="divide-y divide-line overflow-hidden rounded-xl border border-line bg-surface">
                <For each={list()}>
                  {(mail) => (
                    <li>
                      <A
                        href={href(mail.id)}
                        class={`block px-4 py-3 hover:bg-subtle ${mail.id === props.selectedId ? 'bg-subtle' : ''}`}
                        aria-current={mail.id === props.selectedId ? 'true' : undefined}
                      >
                        <span class="block truncate font-medium">{mail.subject}</span>
                        <span class="mt-0.5 flex justify-between gap-2 text-sm text-muted">
                          <span class="min-w-0 truncate">
                            {t('mailbox.toEmail', { email: mail.to_email })}
                          </span>
                          <span class="shrink-0">{formatDateTime(mail.created_at)}</span>
                        </span>
                      </A>
                    </li>
                  )}
                </For>
              </ul>
            </nav>
            <Show
              when={selected()}
              fallback={
                <div class="hidden items-center justify-center rounded-xl border border-dashed border-line p-10 text-muted lg:flex">
                  {t('mailbox.pick')}
                </div>
              }
            >
              {(mail) => <EmailView mail={mail()} back={href()} />}
            </Show>
          </div>
        </Show>
      )}
    </Show>
  )
}

function EmailView(props: { mail: MailboxEmail; back: string }) {
  return (
    <article class="card p-5 sm:p-6" aria-labelledby="email-subject">
      <A href={props.back} class="link mb-4 inline-flex items-center gap-1 text-sm lg:hidden">
        <ArrowLeft size={14} />
        {t('mailbox.all')}
      </A>
      <h2 id="email-subject" class="text-lg font-semibold">
        {props.mail.subject}
      </h2>
      <dl class="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt class="text-muted">{t('mailbox.to')}</dt>
        <dd class="break-all">{props.mail.to_email}</dd>
        <dt class="text-muted">{t('mailbox.sent')}</dt>
        <dd>{formatDateTime(props.mail.created_at)}</dd>
      </dl>
      <Show when={props.mail.action_url}>
        {(url) => (
          <a href={url()} rel="external" class="btn-primary mt-5">
            {t(ACTION_LABELS[props.mail.kind] ?? 'action.open')}
          </a>
        )}
      </Show>
      <div class="mt-5 border-t border-line pt-5 text-sm leading-relaxed whitespace-pre-wrap">
        <Linkified text={props.mail.body_text} />
      </div>
    </article>
  )
}
