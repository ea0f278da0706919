import type { JSX } from 'solid-js'

/** What to show when a list has nothing yet, with the next step. */
export function EmptyState(props: { icon?: JSX.Element; title: string; children?: JSX.Element }) {
  return (
    <div class="flex flex-col items-center rounded-xl border border-dashed border-line px-6 py-10 text-center">
      {props.icon && <div class="mb-3 text-muted">{props.icon}</div>}
      <p class="font-medium">{props.title}</p>
      {props.children && <div class="mt-1 max-w-md text-sm text-muted">{props.children}</div>}
    </div>
  )
}
