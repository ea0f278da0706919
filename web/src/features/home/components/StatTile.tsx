import { A } from '@solidjs/router'
import { type JSX, Show } from 'solid-js'
import { formatNumber } from '../../../lib/format.ts'

/** One figure of a home with what it counts, a link to the list behind it, and an optional note. */
export function StatTile(props: {
  label: string
  value: number
  href?: string
  note?: JSX.Element
  tone?: 'danger' | 'warn'
  /** Shown instead of the number (e.g. "12%"); the number still decides the tone. */
  display?: string
}) {
  const tone = () =>
    props.value > 0 && props.tone === 'danger'
      ? 'text-danger'
      : props.value > 0 && props.tone === 'warn'
        ? 'text-warn'
        : ''
  const body = () => (
    <>
      <span class="block text-sm text-muted">{props.label}</span>
      <span class={`mt-1 block text-2xl font-bold tabular-nums ${tone()}`}>
        {props.display ?? formatNumber(props.value)}
      </span>
      <Show when={props.note}>
        <span class="mt-1 block text-xs text-muted">{props.note}</span>
      </Show>
    </>
  )
  return (
    <li class="card">
      <Show when={props.href} fallback={<div class="p-4">{body()}</div>}>
        {(href) => (
          <A href={href()} class="block h-full rounded-xl p-4 hover:bg-subtle/60" data-testid="stat-tile">
            {body()}
          </A>
        )}
      </Show>
    </li>
  )
}
