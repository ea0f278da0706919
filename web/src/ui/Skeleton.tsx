import { For } from 'solid-js'
import { translator } from '../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** A grey placeholder block while content loads. */
export function Skeleton(props: { class?: string }) {
  return (
    <div class={`animate-pulse rounded-md bg-subtle ${props.class ?? 'h-4 w-full'}`} aria-hidden="true" />
  )
}

/** A page-shaped placeholder: a title and a few cards; announced once as "Loading". */
export function PageSkeleton(props: { rows?: number }) {
  return (
    <div role="status" aria-live="polite" class="space-y-6">
      <span class="sr-only">{t('loading')}</span>
      <Skeleton class="h-8 w-64 max-w-full" />
      <Skeleton class="h-4 w-96 max-w-full" />
      <div class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <For each={Array.from({ length: props.rows ?? 3 })}>
          {() => <Skeleton class="h-28 w-full rounded-xl" />}
        </For>
      </div>
    </div>
  )
}

/** Table-shaped placeholder rows. */
export function ListSkeleton(props: { rows?: number }) {
  return (
    <div role="status" class="space-y-3">
      <span class="sr-only">{t('loading')}</span>
      <For each={Array.from({ length: props.rows ?? 4 })}>
        {() => <Skeleton class="h-12 w-full rounded-lg" />}
      </For>
    </div>
  )
}
