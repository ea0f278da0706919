import ScanSearch from 'lucide-solid/icons/scan-search'
import { createEffect, createSignal, on, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { Button } from '../../../ui/Button.tsx'
import { createGradingJobs, isActive } from '../jobs.ts'
import { JobStatus } from './JobStatus.tsx'

/**
 * Starts the assignment's similarity check (a grading job) and shows it live (JobStatus); calls
 * `onDone` when a check it watched running finishes, so the page reloads the pairs.
 */
export function SimilarityCheck(props: { assignmentId: string; label: string; onDone: () => void }) {
  const grading = createGradingJobs(() => props.assignmentId)
  const job = () => grading.job('similarity')
  const active = () => {
    const j = job()
    return j !== undefined && isActive(j)
  }
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()

  createEffect(
    on([active, () => job()?.status], ([now, status], before) => {
      if (before?.[0] && !now && status === 'done') props.onDone()
    }),
  )

  async function start() {
    setPending(true)
    setError(undefined)
    try {
      await grading.request('similarity')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <div class="card flex flex-col gap-3 p-4 sm:flex-row sm:items-center sm:justify-between">
      <div class="min-w-0 flex-1">
        <JobStatus job={job()} onRetry={() => grading.request('similarity')} />
        <Show when={error()}>
          <p role="alert" class="text-sm text-danger">
            {error()}
          </p>
        </Show>
      </div>
      <Button class="shrink-0" onClick={() => void start()} pending={pending()} disabled={active()}>
        <ScanSearch size={16} aria-hidden="true" />
        {props.label}
      </Button>
    </div>
  )
}
