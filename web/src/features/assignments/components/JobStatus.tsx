import { createSignal, Match, Show, Switch } from 'solid-js'
import type { GradingJob } from '../../../../../edge/contract/assessments-jobs.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { messages } from '../teacher-messages.ts'

// One grading job's state for the grading page (with jobs.ts's createGradingJobs):
//
//   <JobStatus job={grading.job('ocr', submissionId)} onRetry={() => grading.request('ocr', submissionId)} />
//
// queued (with the last try's error while a retry waits) / running with a progress bar and its % /
// done / failed with the error and a Retry button (when `onRetry` is given; its error is shown).
// Nothing when `job` is undefined. The status word is announced politely; the bar is not.

const t = translator(messages)

export function JobStatus(props: { job: GradingJob | undefined; onRetry?: () => Promise<unknown> }) {
  const [pending, setPending] = createSignal(false)
  const [retryError, setRetryError] = createSignal<string>()
  const kind = () => (props.job ? t(`jobs.kind.${props.job.kind}`) : '')

  async function retry() {
    if (!props.onRetry) return
    setPending(true)
    setRetryError(undefined)
    try {
      await props.onRetry()
    } catch (e) {
      setRetryError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <Show when={props.job}>
      {(job) => (
        <div class="space-y-1 text-sm" data-job-status={job().status}>
          <p class="flex flex-wrap items-baseline gap-x-2">
            <span class="font-medium">{kind()}</span>
            <span role="status" class={job().status === 'failed' ? 'text-danger' : 'text-muted'}>
              {t(`jobs.${job().status}`)}
            </span>
          </p>
          <Switch>
            <Match when={job().status === 'queued' && job().error}>
              <p class="text-muted">
                {t('jobs.retrying', { attempt: job().attempts, error: job().error ?? '' })}
              </p>
            </Match>
            <Match when={job().status === 'running'}>
              <div class="flex items-center gap-2">
                <div
                  role="progressbar"
                  aria-label={t('jobs.progress', { kind: kind() })}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={job().progress}
                  aria-valuetext={t('jobs.percent', { percent: job().progress })}
                  class="h-2 w-full max-w-xs overflow-hidden rounded-full bg-subtle"
                >
                  <div
                    class="h-full rounded-full bg-primary transition-[width]"
                    style={{ width: `${job().progress}%` }}
                  />
                </div>
                <span class="tabular-nums text-muted">{t('jobs.percent', { percent: job().progress })}</span>
              </div>
            </Match>
            <Match when={job().status === 'failed'}>
              <p class="text-danger">{job().error ?? t('jobs.failedNoReason')}</p>
              <Show when={props.onRetry}>
                <Button variant="secondary" class="mt-1" pending={pending()} onClick={() => void retry()}>
                  {t('jobs.retry')}
                </Button>
              </Show>
            </Match>
          </Switch>
          <Show when={retryError()}>
            <p role="alert" class="text-danger">
              {retryError()}
            </p>
          </Show>
        </div>
      )}
    </Show>
  )
}
