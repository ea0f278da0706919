import type { JSX } from 'solid-js'

/**
 * A table's box that scrolls sideways on a narrow screen: a named region that takes focus, so a
 * keyboard can scroll it too (axe's scrollable-region-focusable). Positioned, so the table's
 * screen-reader-only words (absolutely placed) scroll inside it instead of widening the page.
 */
export function TableScroll(props: { label: string; children: JSX.Element }) {
  return (
    <section
      aria-label={props.label}
      tabindex="0"
      class="relative overflow-x-auto rounded-xl border border-line bg-surface focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-focus"
    >
      {props.children}
    </section>
  )
}
