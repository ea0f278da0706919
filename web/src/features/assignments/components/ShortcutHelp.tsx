import Keyboard from 'lucide-solid/icons/keyboard'
import { For } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { GradingKind } from '../grade-keys.ts'
import { messages } from '../teacher-messages.ts'

const t = translator(messages)

/** The grading page's keyboard shortcuts, in a disclosure (`?` opens and closes it too). */
export function ShortcutHelp(props: { kind: GradingKind; open: boolean; onToggle: (open: boolean) => void }) {
  const rows = () =>
    [
      props.kind === 'points' ? (['1–6', t('keys.level')] as const) : undefined,
      props.kind === 'btec' ? (['A / N', t('keys.achieved')] as const) : undefined,
      props.kind === 'none' ? undefined : (['J / K, ↓ / ↑', t('keys.move')] as const),
      ['Ctrl / ⌘ + Enter', t('keys.save')] as const,
      [props.kind === 'btec' ? 'Shift + N' : 'N', t('keys.next')] as const,
      ['?', t('keys.help')] as const,
    ].filter((row) => row !== undefined)
  return (
    <details
      class="rounded-lg border border-line text-sm"
      open={props.open}
      onToggle={(e) => props.onToggle(e.currentTarget.open)}
    >
      <summary class="flex cursor-pointer items-center gap-2 px-3 py-2 text-muted">
        <Keyboard size={16} aria-hidden="true" />
        {t('keys.title')}
      </summary>
      <dl class="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 border-t border-line px-3 py-2">
        <For each={rows()}>
          {([keys, text]) => (
            <>
              <dt>
                <kbd class="rounded border border-line bg-subtle px-1.5 py-0.5 font-mono text-xs">{keys}</kbd>
              </dt>
              <dd class="text-muted">{text}</dd>
            </>
          )}
        </For>
      </dl>
    </details>
  )
}
