import ListFilter from 'lucide-solid/icons/list-filter'
import Search from 'lucide-solid/icons/search'
import { createEffect, createSignal, createUniqueId, For, on, Show } from 'solid-js'
import type { SupportAgent } from '../../../../../edge/contract/support.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import {
  categoryLabel,
  priorityLabel,
  statusLabel,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
} from '../support-context.ts'
import {
  type QueueFilters as Filters,
  type QueueSort,
  SORTS,
  STATUS_CHOICES,
  type StatusChoice,
} from '../support-queue.ts'
import { slaStateLabel } from '../support-sla.ts'

const t = translator(messages)

const statusChoiceLabel = (choice: StatusChoice): string => {
  if (choice === 'active') return t('filters.active')
  if (choice === 'all') return t('filters.anyStatus')
  return statusLabel(choice)
}

const SORT_KEYS = {
  updated: 'sort.updated',
  sla: 'sort.sla',
  created: 'sort.created',
} as const satisfies Record<QueueSort, string>

function FilterSelect(props: {
  label: string
  value: string
  options: { value: string; label: string }[]
  onChange: (value: string) => void
}) {
  const id = createUniqueId()
  return (
    <div class="min-w-0">
      <label for={id} class="mb-1 block text-xs font-medium text-muted">
        {props.label}
      </label>
      <select
        id={id}
        class="input min-h-9 py-1.5"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === props.value}>
              {o.label}
            </option>
          )}
        </For>
      </select>
    </div>
  )
}

/** How many filters differ from the default queue. */
const activeCount = (f: Filters) =>
  [f.status !== 'active', f.priority, f.category, f.assignee, f.sla, f.q].filter(Boolean).length

/** The queue's filters (kept in the URL by the page); folded behind a button on phones. */
export function QueueFilters(props: {
  filters: Filters
  agents: SupportAgent[]
  myId: string
  onChange: (next: Filters) => void
}) {
  const [shown, setShown] = createSignal(false)
  const [q, setQ] = createSignal(props.filters.q ?? '')
  // "Clear filters", back and forward change the URL: the search box follows.
  createEffect(
    on(
      () => props.filters.q,
      (v) => setQ(v ?? ''),
      { defer: true },
    ),
  )
  const set = (patch: Partial<Filters>) => props.onChange({ ...props.filters, ...patch })
  const orUndefined = <T extends string>(v: string) => (v ? (v as T) : undefined)
  const panelId = createUniqueId()

  return (
    <div class="mb-4">
      <div class="flex gap-2">
        <form
          role="search"
          class="relative min-w-0 flex-1"
          onSubmit={(e) => {
            e.preventDefault()
            set({ q: q().trim() || undefined })
          }}
        >
          <label for={`${panelId}-q`} class="sr-only">
            {t('filters.search')}
          </label>
          <Search size={16} class="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-muted" />
          <input
            id={`${panelId}-q`}
            type="search"
            class="input pl-9"
            placeholder={t('filters.search')}
            value={q()}
            onInput={(e) => {
              setQ(e.currentTarget.value)
              if (!e.currentTarget.value && props.filters.q) set({ q: undefined })
            }}
          />
        </form>
        <button
          type="button"
          class="btn-secondary md:hidden"
          aria-expanded={shown()}
          aria-controls={panelId}
          onClick={() => setShown((v) => !v)}
        >
          <ListFilter size={16} aria-hidden="true" />
          {t('filters.toggle')}
          <Show when={activeCount(props.filters) > 0}>
            <span class="badge bg-primary text-on-primary">{activeCount(props.filters)}</span>
          </Show>
        </button>
      </div>
      <div
        id={panelId}
        class="mt-3 grid-cols-2 gap-2 sm:grid-cols-3 md:grid md:grid-cols-6"
        classList={{ grid: shown(), hidden: !shown() }}
      >
        <FilterSelect
          label={t('field.status')}
          value={props.filters.status}
          options={STATUS_CHOICES.map((s) => ({ value: s, label: statusChoiceLabel(s) }))}
          onChange={(v) => set({ status: v as StatusChoice })}
        />
        <FilterSelect
          label={t('field.priority')}
          value={props.filters.priority ?? ''}
          options={[
            { value: '', label: t('filters.anyPriority') },
            ...TICKET_PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) })),
          ]}
          onChange={(v) => set({ priority: orUndefined(v) })}
        />
        <FilterSelect
          label={t('field.category')}
          value={props.filters.category ?? ''}
          options={[
            { value: '', label: t('filters.anyCategory') },
            ...TICKET_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) })),
          ]}
          onChange={(v) => set({ category: orUndefined(v) })}
        />
        <FilterSelect
          label={t('field.assignee')}
          value={props.filters.assignee ?? ''}
          options={[
            { value: '', label: t('filters.anyone') },
            { value: 'me', label: t('person.me') },
            { value: 'none', label: t('assignee.unassigned') },
            ...props.agents
              .filter((a) => a.user_id !== props.myId)
              .map((a) => ({ value: a.user_id, label: a.name })),
          ]}
          onChange={(v) => set({ assignee: v || undefined })}
        />
        <FilterSelect
          label={t('field.sla')}
          value={props.filters.sla ?? ''}
          options={[
            { value: '', label: t('filters.anySla') },
            ...(['warning', 'breached', 'ok', 'paused', 'met'] as const).map((s) => ({
              value: s,
              label: slaStateLabel(s),
            })),
          ]}
          onChange={(v) => set({ sla: orUndefined(v) })}
        />
        <FilterSelect
          label={t('field.sort')}
          value={props.filters.sort}
          options={SORTS.map((s) => ({ value: s, label: t(SORT_KEYS[s]) }))}
          onChange={(v) => set({ sort: v as Filters['sort'] })}
        />
      </div>
    </div>
  )
}
