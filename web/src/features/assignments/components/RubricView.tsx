import { For, Match, Show, Switch } from 'solid-js'
import type { Rubric } from '../../../../../edge/contract/assignments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatPoints } from '../grade-text.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * How an assignment is graded, for students before they submit: each criterion with its levels and
 * their points, or the BTEC criteria and what each band needs; without a rubric, the points it is out of.
 */
export function RubricView(props: { rubric: Rubric | null; maxPoints: number }) {
  return (
    <Switch>
      <Match when={!props.rubric}>
        <p class="text-sm text-muted">{t('rubric.outOf', { max: formatPoints(props.maxPoints) })}</p>
      </Match>
      <Match when={props.rubric?.kind === 'btec' && props.rubric}>
        {(r) => (
          <>
            <p class="text-sm text-muted">{t('rubric.btecIntro')}</p>
            <ul class="mt-3 space-y-2">
              <For each={r().criteria}>
                {(c) => (
                  <li class="flex gap-3 text-sm">
                    <span class="badge h-fit shrink-0 bg-subtle font-mono text-fg">{c.code}</span>
                    <span class="min-w-0 break-words">{c.description}</span>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Match>
      <Match when={props.rubric}>
        {(r) => (
          <>
            <p class="text-sm text-muted">{t('rubric.pointsIntro', { max: formatPoints(r().max_points) })}</p>
            <ul class="mt-3 space-y-3">
              <For each={r().criteria}>
                {(c) => (
                  <li class="rounded-lg border border-line p-3 text-sm">
                    <p class="font-medium break-words">{c.title}</p>
                    <Show when={c.description}>
                      <p class="mt-0.5 text-muted break-words">{c.description}</p>
                    </Show>
                    <ul class="mt-2 flex flex-wrap gap-1.5">
                      <For each={c.levels ?? []}>
                        {(l) => (
                          <li class="rounded-full bg-subtle px-2.5 py-0.5 text-xs">
                            {t('rubric.level', { title: l.title, points: formatPoints(l.points) })}
                          </li>
                        )}
                      </For>
                    </ul>
                  </li>
                )}
              </For>
            </ul>
          </>
        )}
      </Match>
    </Switch>
  )
}
