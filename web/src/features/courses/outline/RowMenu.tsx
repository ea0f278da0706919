import { DropdownMenu } from '@kobalte/core/dropdown-menu'
import Ellipsis from 'lucide-solid/icons/ellipsis'
import Pencil from 'lucide-solid/icons/pencil'
import Trash from 'lucide-solid/icons/trash'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

const ITEM =
  'flex cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-subtle'

/** "More actions for <name>": rename and delete, for a module or lesson row. */
export function RowMenu(props: { name: string; onRename: () => void; onDelete: () => void }) {
  return (
    // Not modal: a modal menu hides the rest of the page from screen readers (aria-hidden) while open.
    <DropdownMenu placement="bottom-end" modal={false}>
      <DropdownMenu.Trigger
        class="btn-ghost size-9 min-h-9 px-0"
        aria-label={t('row.more', { name: props.name })}
      >
        <Ellipsis size={16} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="card z-50 w-44 p-1 shadow-lg outline-none">
          <DropdownMenu.Item class={ITEM} onSelect={props.onRename}>
            <Pencil size={16} />
            {t('row.rename')}
          </DropdownMenu.Item>
          <DropdownMenu.Item class={`${ITEM} text-danger`} onSelect={props.onDelete}>
            <Trash size={16} />
            {t('row.delete')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  )
}
