import Star from 'lucide-solid/icons/star'
import { For } from 'solid-js'

/** Five stars, the first `score` filled (decorative; the text says the score). */
export function Stars(props: { score: number; size?: number }) {
  return (
    <span class="inline-flex text-accent-500" aria-hidden="true">
      <For each={[1, 2, 3, 4, 5]}>
        {(i) => <Star size={props.size ?? 16} fill={i <= props.score ? 'currentColor' : 'none'} />}
      </For>
    </span>
  )
}
