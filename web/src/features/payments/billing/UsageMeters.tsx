import { For, Show } from 'solid-js'
import type { Billing } from '../../../../../edge/contract/billing.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import { type Meter, meters } from './usage.ts'

const t = translator(messages)

const BAR: Record<Meter['tone'], string> = { ok: 'bg-primary', warn: 'bg-warn', full: 'bg-danger' }

/** The plan's four limits as meters: seats, AI tokens and video this month, storage. */
export function UsageMeters(props: { billing: Billing; planName: string }) {
  return (
    <section aria-labelledby="billing-usage" class="card p-5 sm:p-6">
      <h2 id="billing-usage" class="mb-4 text-lg font-semibold">
        {t('usage')}
      </h2>
      <ul class="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <For each={meters(props.billing)}>{(m) => <MeterRow meter={m} planName={props.planName} />}</For>
      </ul>
    </section>
  )
}

function MeterRow(props: { meter: Meter; planName: string }) {
  const m = () => props.meter
  const id = () => `billing-meter-${m().key}`
  const excluded = () => m().limit <= 0 && m().used <= 0
  const text = () =>
    excluded()
      ? t('meter.notIncluded', { plan: props.planName })
      : t(m().tone === 'full' ? 'meter.full' : 'meter.of', { used: m().usedText, limit: m().limitText })
  return (
    <li>
      <div class="flex flex-wrap items-baseline justify-between gap-x-3 text-sm">
        <span id={id()} class="font-medium">
          {t(`meter.${m().key}`)}
        </span>
        <span class={`tabular-nums ${m().tone === 'full' ? 'text-danger' : 'text-muted'}`}>{text()}</span>
      </div>
      <Show when={!excluded()}>
        <div
          role="meter"
          aria-labelledby={id()}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={m().share}
          aria-valuetext={text()}
          class="mt-1.5 h-2 overflow-hidden rounded-full bg-subtle"
        >
          <div class={`h-full rounded-full ${BAR[m().tone]}`} style={{ width: `${m().share}%` }} />
        </div>
      </Show>
    </li>
  )
}
