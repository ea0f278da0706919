import Hand from 'lucide-solid/icons/hand'
import Heart from 'lucide-solid/icons/heart'
import PartyPopper from 'lucide-solid/icons/party-popper'
import ThumbsUp from 'lucide-solid/icons/thumbs-up'
import { type Component, For, Show } from 'solid-js'
import {
  FORUM_REACTIONS,
  type ForumReaction,
  type ForumThread,
  type ReactionCounts,
} from '../../../../../edge/contract/forum.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { react } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const ICON: Record<ForumReaction, Component<{ size?: number; 'aria-hidden'?: boolean | 'true' }>> = {
  thumbs_up: ThumbsUp,
  heart: Heart,
  same_question: Hand,
  celebrate: PartyPopper,
}

/** A reaction's picture (an icon: emoji fonts are missing on some school computers). */
const Picture = (props: { reaction: ForumReaction }) => {
  const Icon = ICON[props.reaction]
  return <Icon size={15} aria-hidden="true" />
}

/**
 * A post's reactions: for members, the four as toggles with their counts (pressed when theirs);
 * for readers (parents), only those someone gave, as text.
 */
export function Reactions(props: {
  threadId: string
  postId: string | null
  counts: ReactionCounts
  canReact: boolean
  onChange: (work: () => Promise<ForumThread>) => Promise<boolean>
}) {
  const of = (r: ForumReaction) => props.counts.find((c) => c.reaction === r)
  const label = (r: ForumReaction) => t(`reaction.${r}`)
  return (
    <Show
      when={props.canReact}
      fallback={
        <Show when={props.counts.length > 0}>
          <p class="flex flex-wrap gap-2 text-sm text-muted">
            <For each={props.counts}>
              {(c) => (
                <span class="inline-flex items-center gap-1" title={label(c.reaction)}>
                  <Picture reaction={c.reaction} />
                  <span class="sr-only">{label(c.reaction)}:</span> {c.count}
                </span>
              )}
            </For>
          </p>
        </Show>
      }
    >
      <div role="group" aria-label={t('reaction.group')} class="flex flex-wrap gap-1.5">
        <For each={FORUM_REACTIONS}>
          {(r) => (
            <button
              type="button"
              class="inline-flex min-h-8 items-center gap-1 rounded-full border px-2.5 text-sm"
              classList={{
                'border-primary bg-primary/10 text-fg': of(r)?.mine === true,
                'border-line text-muted hover:bg-subtle': of(r)?.mine !== true,
              }}
              aria-pressed={of(r)?.mine === true}
              aria-label={t('reaction.button', { label: label(r), count: of(r)?.count ?? 0 })}
              title={label(r)}
              onClick={() =>
                props.onChange(() =>
                  react(props.threadId, { post_id: props.postId, reaction: r, on: of(r)?.mine !== true }),
                )
              }
            >
              <Picture reaction={r} />
              <Show when={(of(r)?.count ?? 0) > 0}>
                <span aria-hidden="true">{of(r)?.count}</span>
              </Show>
            </button>
          )}
        </For>
      </div>
    </Show>
  )
}
