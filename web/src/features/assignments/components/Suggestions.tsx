import Sparkles from 'lucide-solid/icons/sparkles'
import { createEffect, createMemo, createResource, createSignal, For, on, Show } from 'solid-js'
import type { Assignment, Rubric, Submission } from '../../../../../edge/contract/assignments.ts'
import type { GradeSuggestion } from '../../../../../edge/contract/grade-suggestions.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { type MarkCriterion, suggestedMark } from '../grading.ts'
import { createGradingJobs, isActive } from '../jobs.ts'
import { JobStatus } from './JobStatus.tsx'
import { messages } from './suggestion-messages.ts'

const t = translator(messages)

/**
 * AI grade suggestions beside the rubric (lazy-loaded by the grading page): "Suggest grades with
 * AI" queues a `suggest` grading job (its progress live), then per criterion the suggested level
 * (or achieved / not yet), why, and the quote from the submission. Accept puts it into the grading
 * form (the teacher's draft until they save, and the student's only once released); Ignore hides
 * it. Without AI for the school the button gives way to a quiet line.
 */
export function Suggestions(props: {
  submission: Submission
  assignment: Assignment
  onAccept: MarkCriterion
}) {
  const tenant = useTenant()
  const rubric = (): Rubric | null => props.assignment.rubric
  const [status] = createResource(
    () => tenant().id,
    (tenantId) => api().get('/tenants/:tenantId/ai/status', { params: { tenantId } }),
  )
  const [list, { refetch }] = createResource(
    () => props.submission.id,
    (id) => api().get('/submissions/:id/suggestions', { params: { id } }),
  )
  // Read only when loaded (a resource in error throws when read).
  const data = () => (list.state === 'ready' || list.state === 'refreshing' ? list() : undefined)
  const aiOn = () => status.state === 'ready' && status()?.ai_available === true
  const grading = createGradingJobs(() => props.assignment.id)
  const job = () => grading.job('suggest', props.submission.id)
  const running = () => {
    const j = job()
    return !!j && isActive(j)
  }
  // A run that finishes brings new suggestions.
  createEffect(
    on(
      () => job()?.status,
      (now, before) => {
        if (now === 'done' && before && before !== 'done') void refetch()
      },
    ),
  )

  const [accepted, setAccepted] = createSignal<Record<string, boolean>>({})
  const [ignored, setIgnored] = createSignal<Record<string, boolean>>({})
  // A new set starts undecided.
  createEffect(
    on(
      () => data()?.created_at,
      () => {
        setAccepted({})
        setIgnored({})
      },
      { defer: true },
    ),
  )
  const usable = createMemo(() => (data()?.items ?? []).filter((s) => suggestedMark(rubric(), s)))
  const shown = () => usable().filter((s) => !ignored()[s.criterion_id])
  const hidden = () => usable().length - shown().length

  const [requestError, setRequestError] = createSignal<string>()
  async function request() {
    setRequestError(undefined)
    try {
      await grading.request('suggest', props.submission.id)
    } catch (e) {
      setRequestError(errorMessage(e))
    }
  }

  function accept(s: GradeSuggestion) {
    const change = suggestedMark(rubric(), s)
    if (!change) return
    props.onAccept(s.criterion_id, change)
    setAccepted((a) => ({ ...a, [s.criterion_id]: true }))
  }

  const criterionName = (id: string) => {
    const c = rubric()?.criteria.find((x) => x.id === id)
    if (!c) return id
    return rubric()?.kind === 'btec' ? `${c.code ?? ''} ${c.description ?? ''}`.trim() : (c.title ?? id)
  }
  const outcome = (s: GradeSuggestion) => {
    if (rubric()?.kind === 'btec') return s.achieved ? t('sug.achieved') : t('sug.notYet')
    const level = rubric()
      ?.criteria.find((c) => c.id === s.criterion_id)
      ?.levels?.find((l) => l.id === s.level_id)
    return t('sug.level', { level: level ? `${level.title} (${level.points})` : (s.level_id ?? '') })
  }

  return (
    <Show when={rubric()}>
      <section aria-labelledby="ai-suggestions-heading" class="card mb-4 space-y-3 p-4">
        <h2 id="ai-suggestions-heading" class="flex items-center gap-2 font-semibold">
          <Sparkles size={16} aria-hidden="true" />
          {t('sug.title')}
        </h2>
        <Show
          when={aiOn()}
          fallback={
            <Show when={status.state === 'ready'}>
              <p class="text-sm text-muted">{t('sug.needsProvider')}</p>
            </Show>
          }
        >
          <p class="text-sm text-muted">{t('sug.intro')}</p>
          <Button variant="secondary" onClick={() => void request()} disabled={running()}>
            {data()?.created_at ? t('sug.again') : t('sug.request')}
          </Button>
        </Show>
        <Show when={requestError()}>
          <p role="alert" class="text-sm text-danger">
            {requestError()}
          </p>
        </Show>
        <JobStatus job={job()} onRetry={() => grading.request('suggest', props.submission.id)} />

        <Show when={!list.loading} fallback={<p class="text-sm text-muted">{t('sug.loading')}</p>}>
          <Show when={!list.error} fallback={<p class="text-sm text-danger">{errorMessage(list.error)}</p>}>
            <Show when={data()?.created_at}>
              <Show when={usable().length} fallback={<p class="text-sm text-muted">{t('sug.none')}</p>}>
                <ul class="space-y-3">
                  <For each={shown()}>
                    {(s) => (
                      <li class="rounded-lg border border-line p-3 text-sm">
                        <p class="font-medium break-words">{criterionName(s.criterion_id)}</p>
                        <p class="mt-0.5 font-semibold text-primary">{outcome(s)}</p>
                        <p class="mt-1 break-words">{s.justification}</p>
                        <figure class="mt-2">
                          <figcaption class="text-xs text-muted">{t('sug.quote')}</figcaption>
                          <blockquote class="border-l-2 border-line pl-2 italic break-words">
                            {s.quote}
                          </blockquote>
                        </figure>
                        <Show
                          when={!accepted()[s.criterion_id]}
                          fallback={
                            <p role="status" class="mt-2 text-xs text-muted">
                              {t('sug.accepted')}
                            </p>
                          }
                        >
                          <div class="mt-2 flex flex-wrap gap-2">
                            <Button
                              variant="secondary"
                              aria-label={t('sug.acceptLabel', { criterion: criterionName(s.criterion_id) })}
                              onClick={() => accept(s)}
                            >
                              {t('sug.accept')}
                            </Button>
                            <Button
                              variant="ghost"
                              aria-label={t('sug.ignoreLabel', { criterion: criterionName(s.criterion_id) })}
                              onClick={() => setIgnored((i) => ({ ...i, [s.criterion_id]: true }))}
                            >
                              {t('sug.ignore')}
                            </Button>
                          </div>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
                <Show when={hidden() > 0}>
                  <button type="button" class="link text-sm" onClick={() => setIgnored({})}>
                    {t('sug.showIgnored', { count: hidden() })}
                  </button>
                </Show>
                <Show when={data()?.provider}>
                  {(provider) => <p class="text-xs text-muted">{t('sug.by', { provider: provider() })}</p>}
                </Show>
              </Show>
            </Show>
          </Show>
        </Show>
      </section>
    </Show>
  )
}

/** The same, as the module's default: the grading page loads it with the shortest lazy(). */
export default Suggestions
