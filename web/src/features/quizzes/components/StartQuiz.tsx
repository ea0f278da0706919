import { A, query, revalidate, useNavigate } from '@solidjs/router'
import Play from 'lucide-solid/icons/play'
import { createMemo, createSignal, Match, Switch } from 'solid-js'
import type { Quiz } from '../../../../../edge/contract/assessments.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatWhen } from '../../../lib/school-time.ts'
import { useNow } from '../../../shell/state/now.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { getAttempt, getQuiz, getQuizzes, startAttempt } from '../api.ts'
import { messages } from '../messages.ts'
import { type NextStep, nextStep } from '../quiz-status.ts'

const t = translator(messages)

/** A student's way in: Resume, Start (after a word about the clock when timed), or why not. */
export function StartQuiz(props: { quiz: Quiz; zone: string | undefined }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [confirming, setConfirming] = createSignal(false)
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const now = useNow()
  // Follows the clock (the quiz opens or closes while the page is open), changing only with the step.
  const step = createMemo(() => nextStep(props.quiz, now()), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  })
  const when = <K extends NextStep['kind']>(kind: K) => {
    const s = step()
    return s.kind === kind ? (s as Extract<NextStep, { kind: K }>) : undefined
  }
  const attemptHref = (id: string) => `/t/${tenant().slug}/attempts/${id}`

  async function start() {
    const attempt = await startAttempt(props.quiz.id).catch((e: unknown) => {
      // Refused (closed meanwhile, no attempts left, one already started elsewhere): show it as it is now.
      void revalidate(getQuiz.keyFor(props.quiz.id))
      throw e
    })
    // The attempt page opens with this answer rather than asking again.
    query.set(getAttempt.keyFor(attempt.id), { ...attempt, received_at: Date.now() })
    void revalidate([getQuiz.keyFor(props.quiz.id), getQuizzes.keyFor(props.quiz.course_id)])
    navigate(attemptHref(attempt.id))
  }

  async function startNow() {
    setPending(true)
    setError()
    try {
      await start()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <div class="space-y-3">
      <Switch>
        <Match when={when('resume')}>
          {(r) => (
            <A href={attemptHref(r().attemptId)} class="btn-primary w-full sm:w-auto">
              <Play size={16} aria-hidden="true" />
              {t('quiz.resume')}
            </A>
          )}
        </Match>
        <Match when={when('start')}>
          {(r) => (
            <Button
              class="w-full sm:w-auto"
              pending={pending()}
              onClick={() => (props.quiz.time_limit_minutes ? setConfirming(true) : void startNow())}
            >
              <Play size={16} aria-hidden="true" />
              {r().again ? t('quiz.startAgain') : t('quiz.start')}
            </Button>
          )}
        </Match>
        <Match when={when('none')}>
          {(r) => (
            <FormAlert tone="info">
              <p>
                {r().reason === 'not_open'
                  ? t('quiz.notOpen', { time: formatWhen(props.quiz.opens_at, props.zone) })
                  : r().reason === 'closed'
                    ? t('quiz.closed', { time: formatWhen(props.quiz.closes_at, props.zone) })
                    : r().reason === 'empty'
                      ? t('quiz.empty')
                      : t('quiz.noAttempts')}
              </p>
            </FormAlert>
          )}
        </Match>
      </Switch>
      {error() && (
        <FormAlert>
          <p>{error()}</p>
        </FormAlert>
      )}
      <ConfirmDialog
        open={confirming()}
        onOpenChange={setConfirming}
        title={t('quiz.startTitle')}
        confirmLabel={t('quiz.startConfirm')}
        onConfirm={start}
      >
        <p>{t('quiz.startTimed', { count: props.quiz.time_limit_minutes ?? 0 })}</p>
      </ConfirmDialog>
    </div>
  )
}
