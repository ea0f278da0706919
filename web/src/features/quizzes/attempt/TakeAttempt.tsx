import Send from 'lucide-solid/icons/send'
import { createSignal, For, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import type { LoadedAttempt } from '../api.ts'
import { AttemptBar } from './AttemptBar.tsx'
import { AttemptQuestion } from './AttemptQuestion.tsx'
import { emptyDraft } from './answers.ts'
import { createAttempt, type Ending } from './createAttempt.ts'
import { messages } from './messages.ts'
import { clockOffset } from './timer.ts'

const t = translator(messages)

/** Retries of the clock's own submit, while the server's grace period lasts. */
const AUTO_SUBMIT_TRIES = 6
const AUTO_SUBMIT_WAIT_MS = 4_000

/**
 * An attempt in progress: every question on one page, each answer saved as it is given, the timer
 * bar, and Submit (after a confirm that counts the questions not answered). At zero the page
 * submits by itself.
 */
export function TakeAttempt(props: { attempt: LoadedAttempt; onDone: (ending: Ending) => void }) {
  const initial = props.attempt
  const offset = clockOffset(initial.server_now, initial.received_at)
  const state = createAttempt(initial, props.onDone)
  const [confirming, setConfirming] = createSignal(false)
  const [clock, setClock] = createSignal<'submitting' | 'failed'>()

  async function confirmSubmit() {
    const ending = await state.submit()
    setConfirming(false)
    // Once the dialog has closed and handed focus back: then the submitted view takes it.
    if (ending) setTimeout(() => state.finish(ending), 0)
  }

  async function expire() {
    setConfirming(false)
    setClock('submitting')
    for (let tries = 0; tries < AUTO_SUBMIT_TRIES; tries++) {
      try {
        const ending = await state.submit(true)
        if (ending) state.finish(ending)
        return
      } catch {
        await new Promise((next) => setTimeout(next, AUTO_SUBMIT_WAIT_MS))
      }
    }
    setClock('failed')
  }

  return (
    <div class="space-y-4">
      <AttemptBar
        deadline={initial.deadline_at}
        offset={offset}
        answered={state.answered()}
        total={state.questions.length}
        onExpire={() => void expire()}
      />
      <Show when={state.offline()}>
        <FormAlert tone="warn">
          <p>{t('attempt.offline')}</p>
        </FormAlert>
      </Show>
      <Show when={clock()}>
        {(c) => (
          <FormAlert tone={c() === 'failed' ? 'error' : 'warn'}>
            <p>{c() === 'failed' ? t('timer.submitFailed') : t('timer.submitting')}</p>
          </FormAlert>
        )}
      </Show>
      <h2 class="sr-only">{t('attempt.questions')}</h2>
      <ol class="space-y-4">
        <For each={state.questions}>
          {(q, i) => (
            <li>
              <AttemptQuestion
                question={q}
                number={i() + 1}
                draft={state.drafts[q.id] ?? emptyDraft()}
                save={state.saves[q.id]}
                unreadable={state.unreadable[q.id] ?? false}
                onAnswer={(draft, typing) => state.answer(q, draft, typing)}
              />
            </li>
          )}
        </For>
      </ol>
      <div class="card flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between sm:p-5">
        <p class="text-sm text-muted">
          {t('attempt.answered', { answered: state.answered(), total: state.questions.length })}
        </p>
        <Button
          class="w-full sm:w-auto"
          pending={clock() === 'submitting'}
          onClick={() => setConfirming(true)}
        >
          <Send size={16} aria-hidden="true" />
          {t('submit.button')}
        </Button>
      </div>
      <p class="sr-only" aria-live="polite">
        {state.announcement()}
      </p>
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t('submit.title')}
        confirmLabel={t('submit.confirm')}
        dismissLabel={t('submit.keep')}
        onConfirm={confirmSubmit}
      >
        <p class={state.unanswered() > 0 ? 'font-medium text-fg' : ''}>
          {t('submit.unanswered', { count: state.unanswered() })}
        </p>
        <p class="mt-2">{t('submit.final')}</p>
      </ConfirmDialog>
    </div>
  )
}
