import { batch, createSignal, onCleanup } from 'solid-js'
import { createStore } from 'solid-js/store'
import type {
  AnswerSource,
  AnswerStatus,
  Citation,
  ConversationDetail,
  TutorMessage,
} from '../../../../edge/contract/ai.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { locale } from '../../lib/i18n/i18n.ts'
import { askTutor } from './chat-stream.ts'
import { addCitation } from './citations.ts'
import { guessLanguage } from './speech.ts'

/** A message as the conversation shows it (a stored one, or one being written now). */
export interface ChatMessage {
  id: string
  role: 'user' | 'assistant'
  content: string
  status: AnswerStatus
  source: AnswerSource | null
  provider: string | null
  citations: Citation[]
  flagged: boolean
  language: 'en' | 'sw'
}

const fromStored = (m: TutorMessage): ChatMessage => ({
  id: m.id,
  role: m.role,
  content: m.content,
  status: m.status,
  source: m.source,
  provider: m.provider,
  citations: m.citations,
  flagged: m.flagged,
  language: guessLanguage(m.content),
})

/** A refusal or a failed answer, said kindly; `quota` when today's questions are used up. */
export interface ChatError {
  message: string
  quota: boolean
}

export interface ChatOptions {
  tenantId: () => string
  /** Where a new conversation starts from (`?course=&lesson=`). */
  context: () => { course_id?: string; lesson_id?: string }
  /** A new conversation got its id (the page puts it in the address). */
  onStarted: (conversationId: string) => void
  /** An answer ended (the list and the day's count change). */
  onAnswered: () => void
}

let localIds = 0

/**
 * One conversation with the tutor: its messages, and asking the next question with the answer
 * streaming in place (fine-grained: only the answer's text changes while it arrives). The answer
 * is announced to screen readers once, when it is complete.
 */
export function createChat(opts: ChatOptions) {
  const [state, setState] = createStore({
    conversationId: undefined as string | undefined,
    messages: [] as ChatMessage[],
  })
  const [busy, setBusy] = createSignal(false)
  const [reconnecting, setReconnecting] = createSignal(false)
  const [error, setError] = createSignal<ChatError>()
  const [announcement, setAnnouncement] = createSignal('')
  let controller: AbortController | undefined
  onCleanup(() => controller?.abort())

  /** Shows a stored conversation (or none: a new one), stopping an answer still arriving. */
  function load(detail: ConversationDetail | undefined) {
    controller?.abort()
    batch(() => {
      setState({ conversationId: detail?.id, messages: detail?.messages.map(fromStored) ?? [] })
      setError()
      setBusy(false)
      setReconnecting(false)
    })
  }

  /** Asks `text`; false when the question was refused (the composer keeps it). */
  async function send(text: string): Promise<boolean> {
    if (busy()) return false
    controller = new AbortController()
    const mine = controller
    const question = state.messages.length
    const answer = question + 1
    const blank = { status: 'done', source: null, provider: null, flagged: false } as const
    const language = locale() === 'sw' ? 'sw' : 'en'
    batch(() => {
      setError()
      setBusy(true)
      setAnnouncement('')
      setState('messages', (list) => [
        ...list,
        {
          ...blank,
          id: `local-${++localIds}`,
          role: 'user',
          content: text,
          citations: [],
          language: guessLanguage(text),
        },
        {
          ...blank,
          id: `local-${++localIds}`,
          role: 'assistant',
          content: '',
          status: 'streaming',
          citations: [],
          language,
        },
      ])
    })
    const conversationId = state.conversationId
    let started = false
    try {
      await askTutor(
        {
          tenant_id: opts.tenantId(),
          message: text,
          language,
          ...(conversationId ? { conversation_id: conversationId } : opts.context()),
        },
        {
          onMeta: (meta) => {
            started = true
            batch(() => {
              setState('messages', question, 'id', meta.question_id)
              setState('messages', answer, {
                id: meta.message_id,
                source: meta.source,
                provider: meta.provider,
                language: meta.language,
              })
              if (!state.conversationId) setState('conversationId', meta.conversation_id)
            })
            if (!conversationId) opts.onStarted(meta.conversation_id)
          },
          onText: (content) => setState('messages', answer, 'content', content),
          onCitation: (c) => setState('messages', answer, 'citations', (list) => addCitation(list, c)),
          onDone: (done) => {
            batch(() => {
              setState('messages', answer, 'status', done.status)
              if (done.flagged) setState('messages', question, 'flagged', true)
              setAnnouncement(state.messages[answer]?.content ?? '')
            })
          },
          onReconnecting: setReconnecting,
        },
        mine.signal,
      )
      return true
    } catch (e) {
      if (mine.signal.aborted) return true
      const failure = {
        message: errorMessage(e),
        quota: e instanceof ApiError && e.code === 'ai_quota_exceeded',
      }
      batch(() => {
        setError(failure)
        if (!started) setState('messages', (list) => list.slice(0, question))
        else if (state.messages[answer]?.status === 'streaming')
          setState('messages', answer, 'status', 'failed')
      })
      return started
    } finally {
      if (controller === mine) {
        setBusy(false)
        opts.onAnswered()
      }
    }
  }

  return {
    conversationId: () => state.conversationId,
    messages: () => state.messages,
    busy,
    reconnecting,
    error,
    clearError: () => setError(),
    announcement,
    load,
    send,
  }
}

export type Chat = ReturnType<typeof createChat>
