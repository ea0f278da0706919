import { A } from '@solidjs/router'
import { For } from 'solid-js'
import type { Child } from '../../../../edge/contract/guardians.ts'

/** A parent's children, one link each to the same page for that child (the chosen one marked current). */
export function ChildSwitcher(props: {
  label: string
  kids: readonly Child[]
  chosen: string
  hrefFor: (kid: Child) => string
}) {
  return (
    <nav aria-label={props.label}>
      <ul class="flex flex-wrap gap-2">
        <For each={props.kids}>
          {(kid) => (
            <li>
              <A
                href={props.hrefFor(kid)}
                aria-current={kid.user_id === props.chosen ? 'page' : undefined}
                class={`inline-flex rounded-full border px-3 py-1.5 text-sm font-medium ${
                  kid.user_id === props.chosen
                    ? 'border-primary bg-primary text-on-primary'
                    : 'border-line bg-surface hover:bg-subtle'
                }`}
              >
                {kid.display_name}
              </A>
            </li>
          )}
        </For>
      </ul>
    </nav>
  )
}
