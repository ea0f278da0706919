import { createSignal, For, type JSX, onCleanup, type ParentProps, Show } from 'solid-js'
import { inTurn } from '../lib/in-turn.ts'

// A page's data arrives in one task, and rendering all of it there held a cheap phone's main thread
// for a few hundred milliseconds, in which a tap waits (Lighthouse's Total Blocking Time). Parts of
// a page wrapped in <Later> render one per task, in the order they were met, so the browser can
// answer input (and paint) between them; each waits only for the parts queued before it.

/** Mounts its children in their own task, once the parts queued before them have rendered. */
export function Later(props: ParentProps<{ fallback?: JSX.Element }>) {
  const [ready, setReady] = createSignal(false)
  onCleanup(inTurn(() => setReady(true)))
  return (
    <Show when={ready()} fallback={props.fallback}>
      {props.children}
    </Show>
  )
}

/**
 * A <For> whose first `now` items render at once and the others in one task after (<Later>), for
 * long lists at the top of a page. One list throughout, keyed by identity: an item moved later
 * keeps its row (and focus).
 */
export function LaterFor<T>(props: {
  each: readonly T[]
  now: number
  children: (item: T, index: () => number) => JSX.Element
}) {
  const [all, setAll] = createSignal(false)
  onCleanup(inTurn(() => setAll(true)))
  return (
    <For each={props.each}>
      {(item, i) => <Show when={all() || i() < props.now}>{props.children(item, i)}</Show>}
    </For>
  )
}
