import Ellipsis from 'lucide-solid/icons/ellipsis'
import Pencil from 'lucide-solid/icons/pencil'
import Trash from 'lucide-solid/icons/trash'
import { translator } from '../../../lib/i18n/i18n.ts'
import { MENU_ITEM, Menu, MenuItem } from '../../../ui/Menu.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** "More actions for <name>": rename and delete, for a module or lesson row. */
export function RowMenu(props: { name: string; onRename: () => void; onDelete: () => void }) {
  return (
    <Menu
      label={t('row.more', { name: props.name })}
      align="end"
      triggerClass="btn-ghost size-9 min-h-9 px-0"
      trigger={<Ellipsis size={16} />}
      contentClass="card w-44 p-1 shadow-lg"
    >
      <MenuItem onSelect={props.onRename}>
        <Pencil size={16} />
        {t('row.rename')}
      </MenuItem>
      <MenuItem onSelect={props.onDelete} class={`${MENU_ITEM} text-danger`}>
        <Trash size={16} />
        {t('row.delete')}
      </MenuItem>
    </Menu>
  )
}
