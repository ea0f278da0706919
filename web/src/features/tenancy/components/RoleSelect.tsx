import ChevronDown from 'lucide-solid/icons/chevron-down'
import { For } from 'solid-js'
import type { TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { roleLabel } from '../../../lib/format.ts'

/**
 * A compact role picker for a member row: a native <select> (the phone's own picker, no library),
 * named for whose access it sets.
 */
export function RoleSelect(props: {
  value: TenantRole
  options: TenantRole[]
  onChange: (role: TenantRole) => void
  /** Accessible name, e.g. "Access level for Grace Njeri". */
  label: string
  disabled?: boolean
}) {
  return (
    <span class="relative inline-flex">
      <select
        aria-label={props.label}
        disabled={props.disabled}
        class="h-9 min-w-32 cursor-pointer appearance-none rounded-lg border border-line bg-surface py-0 pr-8 pl-3 text-sm text-fg hover:bg-subtle disabled:cursor-not-allowed disabled:opacity-60"
        value={props.value}
        onChange={(e) => {
          const role = e.currentTarget.value as TenantRole
          if (role !== props.value) props.onChange(role)
        }}
      >
        <For each={props.options}>{(role) => <option value={role}>{roleLabel(role)}</option>}</For>
      </select>
      <ChevronDown
        size={14}
        class="pointer-events-none absolute top-1/2 right-3 -translate-y-1/2 text-muted"
      />
    </span>
  )
}
