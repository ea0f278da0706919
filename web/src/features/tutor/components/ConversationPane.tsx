import { createAsync } from '@solidjs/router'
import MessageCircleQuestion from 'lucide-solid/icons/message-circle-question-mark'
import { type JSX, Show } from 'solid-js'
import type { ConversationDetail } from '../../../../../edge/contract/ai.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { ErrorState } from '../../../ui/ErrorState.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { getCourse } from '../../courses/api.ts'
import { getLesson } from '../../lessons/api.ts'
import { messages } from '../messages.ts'
import type { Chat } from '../useChat.ts'
import { AskPerson } from './AskPerson.tsx'
import { Transcript } from './Transcript.tsx'
import { TutorComposer } from './TutorComposer.tsx'

const t = translator(messages)

/** What a new conversation is about, from `?lesson=` (or `?course=`): the lesson's or course's title. */
function useStartTitle(context: () => { course?: string; lesson?: string }) {
  return createAsync(async () => {
    const { course, lesson } = context()
    if (lesson)
      return getLesson(lesson).then(
        (l) => l.title,
        () => undefined,
      )
    if (course)
      return getCourse(course).then(
        (c) => c.title,
        () => undefined,
      )
    return undefined
  })
}

/**
 * The open conversation: what it is about, the messages, the answer streaming in, reconnecting and
 * errors, "Ask a person", and the question box (not for a teacher reading a student's conversation).
 */
export function ConversationPane(props: {
  chat: Chat
  detail: ConversationDetail | undefined
  loading: boolean
  loadError: unknown
  onRetry: () => void
  context: { course?: string; lesson?: string }
  status: JSX.Element
}) {
  const tenant = useTenant()
  const chat = props.chat
  const startTitle = useStartTitle(() => props.context)
  const about = () =>
    props.detail
      ? (props.detail.lesson_title ?? props.detail.course_title)
      : chat.conversationId()
        ? undefined
        : startTitle()
  const mine = () => !props.detail || props.detail.is_mine
  /** The stored title, else (a conversation just started) its first question. */
  const title = () =>
    props.detail?.title ?? chat.messages().find((m) => m.role === 'user')?.content ?? t('chat.newTitle')
  const asker = () => (mine() ? t('chat.you') : (props.detail?.student_name ?? ''))

  return (
    <div class="card flex flex-col">
      <div class="flex flex-wrap items-start justify-between gap-2 border-b border-line px-4 py-3 sm:px-5">
        <div class="min-w-0">
          <h2 class="line-clamp-2 font-semibold break-words">{title()}</h2>
          <Show when={about()}>
            {(subject) => (
              <p class="mt-0.5 text-sm text-muted" data-testid="tutor-about">
                {t('chat.about', { title: subject() })}
              </p>
            )}
          </Show>
        </div>
        <Show when={mine() && chat.conversationId()} keyed>
          {(id) => <AskPerson conversationId={id} ticketId={props.detail?.ticket_id ?? null} />}
        </Show>
      </div>

      <div class="min-h-48 px-3 py-4 sm:px-5">
        <Show
          when={!props.loading}
          fallback={
            <div role="status" class="space-y-4">
              <span class="sr-only">{t('chat.loading')}</span>
              <Skeleton class="ml-auto h-10 w-2/3 rounded-2xl" />
              <Skeleton class="h-24 w-5/6 rounded-2xl" />
            </div>
          }
        >
          <Show
            when={!props.loadError}
            fallback={<ErrorState error={props.loadError} onRetry={props.onRetry} />}
          >
            <Show
              when={chat.messages().length > 0}
              fallback={
                <div class="flex flex-col items-center px-4 py-8 text-center">
                  <MessageCircleQuestion size={32} class="mb-3 text-primary" aria-hidden="true" />
                  <p class="font-medium">{t('chat.emptyTitle')}</p>
                  <p class="mt-1 max-w-md text-sm text-muted">{t('chat.emptyText')}</p>
                </div>
              }
            >
              <Transcript messages={chat.messages()} slug={tenant().slug} asker={asker()} />
            </Show>
          </Show>
        </Show>
        <Show when={chat.reconnecting()}>
          <p role="status" class="mt-3 flex items-center gap-2 text-sm text-muted">
            <Spinner />
            {t('chat.reconnecting')}
          </p>
        </Show>
        <Show when={chat.error()}>
          {(e) => (
            <FormAlert
              tone={e().quota ? 'info' : 'error'}
              class="mt-4"
              title={e().quota ? t('chat.quotaTitle') : undefined}
            >
              <p data-testid="tutor-error">{e().message}</p>
            </FormAlert>
          )}
        </Show>
        <p class="sr-only" aria-live="polite">
          {chat.announcement()}
        </p>
      </div>

      <Show
        when={mine()}
        fallback={
          <p class="border-t border-line px-4 py-3 text-sm text-muted sm:px-5">{t('chat.readOnly')}</p>
        }
      >
        <div class="space-y-3 border-t border-line px-3 py-3 sm:px-5">
          {props.status}
          <TutorComposer
            busy={chat.busy()}
            disabled={props.loading || !!props.loadError}
            onSend={chat.send}
          />
        </div>
      </Show>
    </div>
  )
}
