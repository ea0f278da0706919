import { createEffect, createSignal, on, onCleanup } from 'solid-js'
import { TENANT_ROLES } from '../../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { roleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import type { MemberFilters as Filters } from '../member-filters.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The members page's search (by name, and email for those who see emails) and role filter. Typing
 * asks the server once the person pauses; either change starts again from the first page.
 */
export function MemberFilters(props: {
  filters: Filters
  emails: boolean
  onSearch: (q: string) => void
  onRole: (role: TenantRole | undefined) => void
}) {
  const [text, setText] = createSignal(props.filters.q)
  // Back and forward (or "Clear search") change the URL's text: the field follows it. Only a new
  // text does: a role change re-reads the same one and must not undo typing not yet searched.
  createEffect(
    on(
      () => props.filters.q,
      (q, before) => {
        if (q !== before) setText(q)
      },
      { defer: true },
    ),
  )
  createEffect(
    on(text, (value) => {
      const q = value.trim()
      if (q === props.filters.q) return
      // Only the text: the role may be changing in the same moment (its navigation still pending).
      const timer = setTimeout(() => props.onSearch(q), 300)
      onCleanup(() => clearTimeout(timer))
    }),
  )
  const roles = () => [
    { value: '', label: t('members.allRoles') },
    ...TENANT_ROLES.map((r) => ({ value: r, label: roleLabel(r) })),
  ]

  return (
    <div role="search" class="mb-4 grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]">
      <TextField
        label={t('members.search')}
        type="search"
        name="q"
        autocomplete="off"
        placeholder={props.emails ? t('members.searchNamesEmails') : t('members.searchNames')}
        value={text()}
        onValue={setText}
      />
      <SelectField
        label={t('members.roleFilter')}
        name="role"
        value={props.filters.role ?? ''}
        options={roles()}
        onValue={(role) => props.onRole((role || undefined) as TenantRole | undefined)}
      />
    </div>
  )
}
