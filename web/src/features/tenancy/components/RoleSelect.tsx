import { Select } from '@kobalte/core/select'
import Check from 'lucide-solid/icons/check'
import ChevronDown from 'lucide-solid/icons/chevron-down'
import type { TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { roleLabel } from '../../../lib/format.ts'

/** A compact role picker for a member row (Kobalte select; its name says whose access it sets). */
export function RoleSelect(props: {
  value: TenantRole
  options: TenantRole[]
  onChange: (role: TenantRole) => void
  /** Accessible name, e.g. "Access level for Grace Njeri". */
  label: string
  disabled?: boolean
}) {
  return (
    <Select<TenantRole>
      value={props.value}
      onChange={(role) => role && role !== props.value && props.onChange(role)}
      options={props.options}
      disallowEmptySelection
      disabled={props.disabled}
      gutter={4}
      itemComponent={(p) => (
        <Select.Item
          item={p.item}
          class="flex cursor-pointer items-center justify-between gap-4 rounded-md px-3 py-2 text-sm outline-none data-[disabled]:opacity-50 data-[highlighted]:bg-subtle"
        >
          <Select.ItemLabel>{roleLabel(p.item.rawValue)}</Select.ItemLabel>
          <Select.ItemIndicator>
            <Check size={14} class="text-primary" />
          </Select.ItemIndicator>
        </Select.Item>
      )}
    >
      <Select.Trigger
        aria-label={props.label}
        class="inline-flex h-9 min-w-32 items-center justify-between gap-2 rounded-lg border border-line bg-surface px-3 text-sm hover:bg-subtle disabled:cursor-not-allowed disabled:opacity-60"
      >
        <Select.Value<TenantRole>>{(state) => roleLabel(state.selectedOption())}</Select.Value>
        <Select.Icon class="text-muted">
          <ChevronDown size={14} />
        </Select.Icon>
      </Select.Trigger>
      <Select.Portal>
        <Select.Content class="card z-50 min-w-36 p-1 shadow-lg">
          <Select.Listbox class="max-h-72 overflow-y-auto outline-none" />
        </Select.Content>
      </Select.Portal>
    </Select>
  )
}
