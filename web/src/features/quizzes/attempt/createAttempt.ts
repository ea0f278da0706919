import { createSignal, onCleanup, onMount } from 'solid-js'
import { createStore } from 'solid-js/store'
import type { Attempt, StudentQuestion } from '../../../../../edge/contract/assessments.ts'
import { errorMessage, errorStatus } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { type LoadedAttempt, saveAnswer, submitAttempt } from '../api.ts'
import { createAnswerSaver, type SaveState } from './answer-saver.ts'
import { bodyFor, type Draft, draftFrom, draftsFrom, unansweredCount } from './answers.ts'
import { messages } from './messages.ts'
import { unsentAnswers } from './unsent.ts'

// One attempt being taken: the answers the inputs show, each question's saving state, and
// submitting (by the student, or by the clock). When the server says the attempt takes no more
// answers (409 time_up / attempt_submitted), the attempt is read again and shown as submitted.

const t = translator(messages)

/** A question's saving state, with the reason of a refusal. */
export interface SaveStatus {
  state: SaveState
  error?: string
}

/** How the attempt ended: the server's attempt (when it could be read) and what to tell the student. */
export interface Ending {
  attempt?: Attempt
  notice?: string
}

export function createAttempt(initial: LoadedAttempt, onDone: (ending: Ending) => void) {
  const questions = initial.questions
  const byId = new Map(questions.map((q, i) => [q.id, { q, n: i + 1 }]))
  const [drafts, setDrafts] = createStore<Record<string, Draft>>(draftsFrom(questions, initial.answers))
  const [saves, setSaves] = createStore<Record<string, SaveStatus>>({})
  const [unreadable, setUnreadable] = createStore<Record<string, boolean>>({})
  const [announcement, setAnnouncement] = createSignal('')
  const [offline, setOffline] = createSignal(typeof navigator !== 'undefined' && navigator.onLine === false)
  let ended = false

  const unsent = unsentAnswers(initial.id)
  const saver = createAnswerSaver({
    send: (q, body) => saveAnswer(initial.id, q, body),
    onState: (q, state, error) => {
      const previous = saves[q]?.state
      setSaves(q, { state, error: state === 'refused' ? errorMessage(error) : undefined })
      if (state === 'retrying' && previous !== 'retrying')
        setAnnouncement(t('save.failed', { n: byId.get(q)?.n ?? 0 }))
    },
    onStop: (error) => void end(error),
    keep: unsent,
  })

  /** The server takes no more answers: read the attempt as it is now and show it submitted. */
  async function end(reason: unknown) {
    if (ended) return
    ended = true
    saver.stop()
    unsent.clear()
    const attempt = await api()
      .get('/attempts/:id', { params: { id: initial.id } })
      .catch(() => undefined)
    onDone({ attempt, notice: errorMessage(reason) })
  }

  // Answers given on this tab and not saved before a reload go out again.
  for (const [id, body] of Object.entries(unsent.read())) {
    const found = byId.get(id)
    if (!found) continue
    setDrafts(id, draftFrom(found.q.kind, body))
    saver.change(id, body)
  }

  onMount(() => {
    const online = () => {
      setOffline(false)
      saver.retryNow()
    }
    const gone = () => setOffline(true)
    const leaving = (e: BeforeUnloadEvent) => {
      if (saver.unsaved() > 0) e.preventDefault()
    }
    addEventListener('online', online)
    addEventListener('offline', gone)
    addEventListener('beforeunload', leaving)
    onCleanup(() => {
      removeEventListener('online', online)
      removeEventListener('offline', gone)
      removeEventListener('beforeunload', leaving)
    })
  })
  // Leaving the page: what waits is sent now (and kept for a reload if it fails).
  onCleanup(() => void saver.flush().finally(saver.stop))

  /** Submits; throws (with a message to show) when answers are not saved or the request fails. */
  async function submit(auto = false): Promise<Ending | undefined> {
    const saved = await saver.flush()
    if (!saved && !auto) throw new Error(t('submit.notSaved', { count: saver.unsaved() }))
    try {
      const done = await submitAttempt(initial.id)
      ended = true
      saver.stop()
      unsent.clear()
      return { attempt: done }
    } catch (error) {
      if (errorStatus(error) === 409) {
        await end(error)
        return undefined
      }
      throw error
    }
  }

  return {
    questions,
    drafts,
    saves,
    unreadable,
    announcement,
    offline,
    /** Questions with an answer in their inputs. */
    answered: () => questions.length - unansweredCount(questions, drafts),
    unanswered: () => unansweredCount(questions, drafts),
    /** The student changed a question's inputs; `typing` waits for a pause before saving. */
    answer(q: StudentQuestion, draft: Draft, typing = false) {
      if (ended) return
      setDrafts(q.id, draft)
      const body = bodyFor(q.kind, draft)
      setUnreadable(q.id, body === 'invalid')
      if (body !== 'invalid') saver.change(q.id, body, { debounce: typing })
    },
    submit,
    /** Shows the attempt as submitted (after `submit`, or when the server ended it). */
    finish: (ending: Ending) => onDone(ending),
  }
}

export type AttemptState = ReturnType<typeof createAttempt>
