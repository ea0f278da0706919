import { type Accessor, For, Show } from 'solid-js'
import { Avatar } from '../../../ui/Avatar.tsx'
import type { Peer } from '../lesson-session.ts'

/** Who is in the lesson now: avatars in each person's caret colour, with names for screen readers. */
export function PresenceList(props: { peers: Accessor<Peer[]> }) {
  const shown = () => props.peers().slice(0, 5)
  const more = () => props.peers().length - shown().length
  const label = (p: Peer) => `${p.name}${p.self ? ' (you)' : ''}${p.tabs > 1 ? `, ${p.tabs} tabs` : ''}`
  return (
    <div class="flex items-center gap-2">
      <span class="sr-only" id="presence-label">
        In this lesson now
      </span>
      <ul aria-labelledby="presence-label" class="flex -space-x-2" data-testid="presence">
        <For each={shown()}>
          {(p) => (
            <li class="rounded-full ring-2 ring-surface" title={label(p)} data-name={p.name}>
              <Avatar userId={p.userId} name={p.name} color={p.color} size="sm" />
              <span class="sr-only">{label(p)}</span>
            </li>
          )}
        </For>
        <Show when={more() > 0}>
          <li class="grid size-7 place-items-center rounded-full bg-subtle text-[0.65rem] font-semibold ring-2 ring-surface">
            +{more()}
            <span class="sr-only"> more people</span>
          </li>
        </Show>
      </ul>
      <span class="hidden max-w-64 truncate text-sm text-muted lg:inline" aria-hidden="true">
        {props.peers().length <= 1
          ? 'Only you'
          : props
              .peers()
              .map((p) => (p.self ? 'You' : p.name))
              .join(', ')}
      </span>
    </div>
  )
}
