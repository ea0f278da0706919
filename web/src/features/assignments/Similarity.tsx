import { A, createAsync, revalidate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import ScanSearch from 'lucide-solid/icons/scan-search'
import { createSignal, For, Show } from 'solid-js'
import type { SimilarityPair, SimilarityReport } from '../../../../edge/contract/similarity.ts'
import { formatDateTime } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { SimilarityCheck } from './components/SimilarityCheck.tsx'
import { SimilarityPairView } from './components/SimilarityPairView.tsx'
import { percent } from './highlight.ts'
import { getAssignment, getSimilarity } from './Similarity.data.ts'
import { messages } from './similarity-messages.ts'

const t = translator(messages)

/**
 * /t/:slug/assignments/:id/similarity — the course's graders: start a similarity check (a grading
 * job, its progress live), the pairs sharing passages highest score first, and a pair side by side
 * with the shared passages highlighted. It informs, never decides.
 */
export default function Similarity() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-6xl">
      <Boundary
        keys={[getSimilarity.keyFor(id()), getAssignment.keyFor(id())]}
        fallback={<ListSkeleton rows={5} />}
      >
        <Show when={id()} keyed>
          {(assignmentId) => <Loaded id={assignmentId} />}
        </Show>
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const report = createAsync(() => getSimilarity(props.id))
  const assignment = createAsync(() => getAssignment(props.id))
  const title = () => assignment()?.title
  usePageTitle(() => {
    const name = title()
    return name ? t('sim.docTitle', { title: name }) : undefined
  })
  return <Show when={report()}>{(r) => <View report={r()} title={title() ?? ''} />}</Show>
}

const otherName = (p: SimilarityPair) => p.b?.name ?? t('sim.lesson', { title: p.lesson?.title ?? '' })

function View(props: { report: SimilarityReport; title: string }) {
  const tenant = useTenant()
  const r = () => props.report
  const [open, setOpen] = createSignal<string | null>(null)
  const back = () => `/t/${tenant().slug}/assignments/${r().assignment_id}/submissions`
  const refresh = () => revalidate(getSimilarity.keyFor(r().assignment_id))

  return (
    <div class="space-y-6">
      <A href={back()} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('sim.back')}
      </A>
      <div class="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div class="min-w-0">
          <p class="text-sm text-muted">{t('sim.title')}</p>
          <h1 class="text-2xl font-bold tracking-tight break-words">{props.title}</h1>
          <Show when={r().computed_at}>
            {(at) => (
              <p class="mt-1 text-sm text-muted">
                {t('sim.checkedAt', {
                  time: formatDateTime(at()),
                  count: r().submissions,
                  lessons: r().lessons,
                })}
              </p>
            )}
          </Show>
        </div>
      </div>

      <FormAlert tone="info">
        <p>{t('sim.intro')}</p>
        <p class="mt-2 font-medium">{t('sim.informs')}</p>
      </FormAlert>

      <SimilarityCheck
        assignmentId={r().assignment_id}
        label={r().computed_at ? t('sim.recheck') : t('sim.check')}
        onDone={refresh}
      />

      <Show when={open()} keyed>
        {(pairId) => <SimilarityPairView pairId={pairId} onClose={() => setOpen(null)} />}
      </Show>

      <section aria-labelledby="pairs-heading" class="card overflow-hidden">
        <Show
          when={r().computed_at}
          fallback={
            <div class="p-5">
              <h2 id="pairs-heading" class="sr-only">
                {t('sim.neverTitle')}
              </h2>
              <EmptyState icon={<ScanSearch size={28} />} title={t('sim.neverTitle')}>
                {t('sim.neverText')}
              </EmptyState>
            </div>
          }
        >
          <Show
            when={r().pairs.length > 0}
            fallback={
              <div class="p-5">
                <h2 id="pairs-heading" class="sr-only">
                  {t('sim.noneTitle')}
                </h2>
                <EmptyState icon={<ScanSearch size={28} />} title={t('sim.noneTitle')}>
                  {t('sim.noneText')}
                </EmptyState>
              </div>
            }
          >
            <h2 id="pairs-heading" class="border-b border-line bg-subtle px-4 py-2.5 text-sm font-semibold">
              {t('sim.pairsTitle', { count: r().pairs.length })}
            </h2>
            <ul class="divide-y divide-line">
              <For each={r().pairs}>
                {(p) => (
                  <li class="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
                    <span class="badge shrink-0 self-start bg-warn-soft text-warn sm:self-center">
                      <span aria-hidden="true">{t('sim.score', { percent: percent(p.score) })}</span>
                      <span class="sr-only">{t('sim.scoreLabel', { percent: percent(p.score) })}</span>
                    </span>
                    <div class="min-w-0 flex-1">
                      <p class="font-medium break-words">
                        {t('sim.pairTitle', { a: p.a.name, b: otherName(p) })}
                      </p>
                      <p class="text-xs text-muted">
                        {t('sim.passages', { count: p.passage_count, words: p.words })}
                      </p>
                      <Show when={p.excerpt}>
                        <p class="mt-1 line-clamp-2 text-sm break-words text-muted">“{p.excerpt}”</p>
                      </Show>
                    </div>
                    <button
                      type="button"
                      class={`${open() === p.id ? 'btn-primary' : 'btn-secondary'} min-h-9 shrink-0 px-3 py-1.5`}
                      aria-label={t('sim.compareLabel', { a: p.a.name, b: otherName(p) })}
                      aria-pressed={open() === p.id}
                      onClick={() => {
                        setOpen(p.id)
                        window.scrollTo({ top: 0, behavior: 'smooth' })
                      }}
                    >
                      {t('sim.compare')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        </Show>
      </section>
    </div>
  )
}
