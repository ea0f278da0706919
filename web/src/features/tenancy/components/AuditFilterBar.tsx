import X from 'lucide-solid/icons/x'
import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { ACTION_FAMILIES, type AuditFilters, TARGET_TYPES } from '../audit-filters.ts'
import { auditMessages } from '../audit-messages.ts'

const t = translator(auditMessages)

/** The URL's filter names and values; an empty value removes the filter. */
export type AuditFilterChange = Partial<Record<'action' | 'actor' | 'target' | 'from' | 'to', string>>

/** Action family, target type and day range; the actor filter shows as a chip (set from a row). */
export function AuditFilterBar(props: {
  filters: AuditFilters
  actorName?: string
  onChange: (change: AuditFilterChange) => void
}) {
  const families = () => [
    { value: '', label: t('audit.allActions') },
    ...ACTION_FAMILIES.map((f) => ({ value: f, label: t(`audit.family.${f}`) })),
    // An exact action from a link or the URL stays selectable.
    ...(props.filters.action && !ACTION_FAMILIES.some((f) => f === props.filters.action)
      ? [{ value: props.filters.action, label: props.filters.action }]
      : []),
  ]
  const targets = () => [
    { value: '', label: t('audit.allTargets') },
    ...TARGET_TYPES.map((k) => ({ value: k, label: k })),
    ...(props.filters.target_type && !TARGET_TYPES.some((k) => k === props.filters.target_type)
      ? [{ value: props.filters.target_type, label: props.filters.target_type }]
      : []),
  ]
  return (
    <div role="search" aria-label={t('audit.filters')} class="mb-4 space-y-3">
      <div class="grid gap-3 sm:grid-cols-4">
        <SelectField
          label={t('audit.action')}
          name="action"
          value={props.filters.action ?? ''}
          options={families()}
          onValue={(action) => props.onChange({ action })}
        />
        <SelectField
          label={t('audit.target')}
          name="target"
          value={props.filters.target_type ?? ''}
          options={targets()}
          onValue={(target) => props.onChange({ target })}
        />
        <TextField
          label={t('audit.from')}
          type="date"
          name="from"
          value={props.filters.from ?? ''}
          max={props.filters.to}
          onValue={(from) => props.onChange({ from })}
        />
        <TextField
          label={t('audit.to')}
          type="date"
          name="to"
          value={props.filters.to ?? ''}
          min={props.filters.from}
          onValue={(to) => props.onChange({ to })}
        />
      </div>
      <Show when={props.filters.actor}>
        <p>
          <span class="inline-flex items-center gap-1 rounded-full bg-subtle px-3 py-1 text-sm">
            {t('audit.actorFilter', { name: props.actorName || t('audit.someone') })}
            <button
              type="button"
              class="rounded-full p-0.5 hover:bg-surface"
              aria-label={t('audit.removeActor')}
              onClick={() => props.onChange({ actor: '' })}
            >
              <X size={14} aria-hidden="true" />
            </button>
          </span>
        </p>
      </Show>
    </div>
  )
}
