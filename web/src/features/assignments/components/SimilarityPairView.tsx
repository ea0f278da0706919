import { createAsync } from '@solidjs/router'
import X from 'lucide-solid/icons/x'
import { For, onMount, Show } from 'solid-js'
import type { SimilarityPairDetail } from '../../../../../edge/contract/similarity.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Boundary } from '../../../ui/Boundary.tsx'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { highlight, percent } from '../highlight.ts'
import { getSimilarityPair } from '../Similarity.data.ts'
import { messages } from '../similarity-messages.ts'

const t = translator(messages)

/** One pair side by side: both texts as they were checked, the passages found in both in <mark>. */
export function SimilarityPairView(props: { pairId: string; onClose: () => void }) {
  return (
    <Boundary keys={getSimilarityPair.keyFor(props.pairId)} fallback={<ListSkeleton rows={4} />}>
      <Loaded pairId={props.pairId} onClose={props.onClose} />
    </Boundary>
  )
}

function Loaded(props: { pairId: string; onClose: () => void }) {
  const pair = createAsync(() => getSimilarityPair(props.pairId))
  return <Show when={pair()}>{(p) => <View pair={p()} onClose={props.onClose} />}</Show>
}

function View(props: { pair: SimilarityPairDetail; onClose: () => void }) {
  let heading: HTMLHeadingElement | undefined
  onMount(() => heading?.focus())
  const p = () => props.pair
  const otherName = () => p().b?.name ?? t('sim.lesson', { title: p().lesson?.title ?? '' })
  const sides = () => [
    { name: p().a.name, share: p().a.share, text: p().text_a, ranges: p().passages.map((x) => x.a) },
    {
      name: otherName(),
      share: p().b?.share ?? p().lesson?.share ?? 0,
      text: p().text_b,
      ranges: p().passages.map((x) => x.b),
    },
  ]
  return (
    <section aria-labelledby="pair-heading" class="card space-y-4 p-5">
      <div class="flex items-start justify-between gap-3">
        <div class="min-w-0">
          <h2 id="pair-heading" ref={heading} tabIndex={-1} class="font-semibold break-words outline-none">
            {t('sim.pairTitle', { a: p().a.name, b: otherName() })}
          </h2>
          <p class="mt-1 text-sm text-muted">
            {t('sim.legend')} {t('sim.asChecked', { time: formatDateTime(p().computed_at) })}
          </p>
        </div>
        <button
          type="button"
          class="btn-secondary min-h-9 shrink-0 px-3 py-1.5"
          onClick={() => props.onClose()}
        >
          <X size={16} aria-hidden="true" />
          {t('sim.close')}
        </button>
      </div>
      <div class="grid gap-4 md:grid-cols-2">
        <For each={sides()}>
          {(side) => (
            <article class="min-w-0 rounded-lg border border-line">
              <header class="border-b border-line bg-subtle px-3 py-2">
                <h3 class="text-sm font-medium break-words">{side.name}</h3>
                <p class="text-xs text-muted">{t('sim.shareOf', { percent: percent(side.share) })}</p>
              </header>
              <div class="max-h-[32rem] overflow-y-auto p-3 text-sm break-words whitespace-pre-wrap">
                <Show when={side.text} fallback={<span class="text-muted">{t('sim.empty')}</span>}>
                  <For each={highlight(side.text, side.ranges)}>
                    {(piece) =>
                      piece.marked ? (
                        <mark class="rounded-sm bg-warn-soft px-0.5 text-fg">{piece.text}</mark>
                      ) : (
                        piece.text
                      )
                    }
                  </For>
                </Show>
              </div>
            </article>
          )}
        </For>
      </div>
    </section>
  )
}
