import { createAsync } from '@solidjs/router'
import { For, Match, Show, Switch } from 'solid-js'
import type { SponsorshipProgress } from '../../../../../edge/contract/sponsorships.ts'
import { formatNumber } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { getSponsorshipProgress } from '../api.ts'
import { messages } from '../messages.ts'
import { groupShares, progressView } from '../progress.ts'

const t = translator(messages)

const BAR: Record<string, string> = {
  none: 'bg-line',
  some: 'bg-warn',
  most: 'bg-primary/70',
  all: 'bg-success',
}

/** "How the students are doing": the sponsorship's figures as numbers and plain bars (no chart library). */
export function ProgressPanel(props: { sponsorshipId: string }) {
  const progress = createAsync(() => getSponsorshipProgress(props.sponsorshipId))
  return (
    <section aria-labelledby="progress-heading" class="card p-5 sm:p-6">
      <h2 id="progress-heading" class="text-lg font-semibold">
        {t('progress.title')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('progress.intro')}</p>
      <Show when={progress()}>{(p) => <Figures progress={p()} />}</Show>
    </section>
  )
}

function Figures(props: { progress: SponsorshipProgress }) {
  const p = () => props.progress
  return (
    <div class="mt-4 space-y-5">
      <dl class="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Figure label={t('progress.enrolled')} value={`${p().enrolled} / ${p().seats}`} />
        <Show when={progressView(p()) === 'figures'}>
          <Figure label={t('progress.started')} value={String(p().started ?? 0)} />
          <Figure
            label={t('progress.average')}
            value={t('progress.averageValue', {
              average: formatNumber(p().average_completed ?? 0),
              total: p().lessons_total,
            })}
          />
          <Figure label={t('progress.completed')} value={String(p().completed ?? 0)} />
        </Show>
      </dl>
      <Switch>
        <Match when={progressView(p()) === 'empty'}>
          <FormAlert tone="info">{t('progress.notActive')}</FormAlert>
        </Match>
        <Match when={progressView(p()) === 'suppressed'}>
          <FormAlert tone="info">{t('progress.suppressed', { min: p().min_group })}</FormAlert>
        </Match>
        <Match when={p().lessons_total === 0}>
          <FormAlert tone="info">{t('progress.noLessons')}</FormAlert>
        </Match>
        <Match when={true}>
          <div>
            <h3 class="text-sm font-medium">{t('progress.buckets')}</h3>
            <ul class="mt-3 space-y-3">
              <For each={groupShares(p())}>
                {(row) => (
                  <li class="grid grid-cols-[7rem_minmax(0,1fr)_auto] items-center gap-3 text-sm">
                    <span class="text-muted">{t(`progress.${row.group}`)}</span>
                    <span class="h-3 overflow-hidden rounded-full bg-subtle" aria-hidden="true">
                      <span
                        class={`block h-full rounded-full ${BAR[row.group]}`}
                        style={{ width: `${row.percent}%` }}
                      />
                    </span>
                    <span class="tabular-nums">
                      {t('progress.students', { count: row.count })} · {row.percent}%
                    </span>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Match>
      </Switch>
    </div>
  )
}

function Figure(props: { label: string; value: string }) {
  return (
    <div class="rounded-lg border border-line px-4 py-3">
      <dt class="text-sm text-muted">{props.label}</dt>
      <dd class="text-xl font-semibold tabular-nums">{props.value}</dd>
    </div>
  )
}
