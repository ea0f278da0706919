import ArrowDown from 'lucide-solid/icons/arrow-down'
import ArrowUp from 'lucide-solid/icons/arrow-up'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { OutlineController } from './createOutline.ts'
import { messages } from './messages.ts'
import { RowMenu } from './RowMenu.tsx'

const t = translator(messages)

const ICON_BTN = 'btn-ghost size-9 min-h-9 px-0 disabled:opacity-30'

/** An editor's move up/down buttons and "More actions" menu of a module or lesson row. */
export function RowActions(props: {
  outline: OutlineController
  kind: 'lesson' | 'module'
  id: string
  /** How the row is named in labels: "Fractions", "module Term 1". */
  name: string
  onDelete: () => void
}) {
  const o = props.outline
  return (
    <span class="ml-auto flex items-center">
      <button
        type="button"
        class={ICON_BTN}
        aria-label={t('row.moveUp', { name: props.name })}
        data-move={`${props.id}-up`}
        disabled={!o.canStep(props.kind, props.id, -1)}
        onClick={() => o.step(props.kind, props.id, -1)}
      >
        <ArrowUp size={16} />
      </button>
      <button
        type="button"
        class={ICON_BTN}
        aria-label={t('row.moveDown', { name: props.name })}
        data-move={`${props.id}-down`}
        disabled={!o.canStep(props.kind, props.id, 1)}
        onClick={() => o.step(props.kind, props.id, 1)}
      >
        <ArrowDown size={16} />
      </button>
      <RowMenu name={props.name} onRename={() => o.setRenaming(props.id)} onDelete={props.onDelete} />
    </span>
  )
}
