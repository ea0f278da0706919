import type { JSX } from 'solid-js'

/** A titled card of the child's page. */
export function Section(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section aria-labelledby={props.id} class="card p-4 sm:p-5">
      <h2 id={props.id} class="font-semibold">
        {props.title}
      </h2>
      <div class="mt-3">{props.children}</div>
    </section>
  )
}
