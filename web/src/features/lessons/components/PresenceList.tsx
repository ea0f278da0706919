import { type Accessor, For, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Avatar } from '../../../ui/Avatar.tsx'
import type { Peer } from '../lesson-session.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "Amina (you), 2 tabs": a name, "(you)" for this person, and the tabs open when more than one. */
function peerLabel(p: Peer): string {
  const name = p.self ? t('presence.self', { name: p.name }) : p.name
  return p.tabs > 1 ? t('presence.tabs', { name, count: p.tabs }) : name
}

/** Who is in the lesson now: avatars in each person's caret colour, with names for screen readers. */
export function PresenceList(props: { peers: Accessor<Peer[]> }) {
  const shown = () => props.peers().slice(0, 5)
  const more = () => props.peers().length - shown().length
  return (
    <div class="flex items-center gap-2">
      <span class="sr-only" id="presence-label">
        {t('presence.label')}
      </span>
      <ul aria-labelledby="presence-label" class="flex -space-x-2" data-testid="presence">
        <For each={shown()}>
          {(p) => (
            <li class="rounded-full ring-2 ring-surface" title={peerLabel(p)} data-name={p.name}>
              <Avatar userId={p.userId} name={p.name} color={p.color} size="sm" />
              <span class="sr-only">{peerLabel(p)}</span>
            </li>
          )}
        </For>
        <Show when={more() > 0}>
          <li class="grid size-7 place-items-center rounded-full bg-subtle text-[0.65rem] font-semibold ring-2 ring-surface">
            +{more()}
            <span class="sr-only"> {t('presence.morePeople')}</span>
          </li>
        </Show>
      </ul>
      <span class="hidden max-w-64 truncate text-sm text-muted lg:inline" aria-hidden="true">
        {props.peers().length <= 1
          ? t('presence.onlyYou')
          : props
              .peers()
              .map((p) => (p.self ? t('presence.you') : p.name))
              .join(', ')}
      </span>
    </div>
  )
}
