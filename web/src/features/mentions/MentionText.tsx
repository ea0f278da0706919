import { For, Show } from 'solid-js'
import type { MentionedPerson } from '../../../../edge/contract/mentions.ts'
import { mentionPieces } from './mention-text.ts'

/** Words with the "@Name" of each person they mention marked. */
export function MentionText(props: { text: string; mentions: readonly MentionedPerson[]; class?: string }) {
  return (
    <p class={props.class ?? 'whitespace-pre-line break-words'}>
      <For each={mentionPieces(props.text, props.mentions)}>
        {(piece) => (
          <Show when={piece.person} fallback={piece.text}>
            <span class="rounded bg-subtle px-0.5 font-semibold text-link" data-mention="">
              {piece.text}
            </span>
          </Show>
        )}
      </For>
    </p>
  )
}
