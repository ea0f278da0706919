import { revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { SupportAgent } from '../../../../../edge/contract/support.ts'
import type { TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { roleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Avatar } from '../../../ui/Avatar.tsx'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getAgents, updateAgent } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * The people who take tickets: online now (watching the queue), open tickets against their cap,
 * and whether round-robin gives them new ones. Agents switch their own availability; admins set
 * anyone's, and the caps.
 */
export function AgentsTable(props: { agents: SupportAgent[]; myId: string; admin: boolean }) {
  return (
    <Show
      when={props.agents.length > 0}
      fallback={<EmptyState title={t('agents.emptyTitle')}>{t('agents.emptyText')}</EmptyState>}
    >
      <ul class="card divide-y divide-line">
        <For each={props.agents}>
          {(a) => <AgentRow agent={a} me={a.user_id === props.myId} admin={props.admin} />}
        </For>
      </ul>
    </Show>
  )
}

function AgentRow(props: { agent: SupportAgent; me: boolean; admin: boolean }) {
  const tenant = useTenant()
  const id = createUniqueId()
  const a = () => props.agent
  const [cap, setCap] = createSignal(String(props.agent.max_open))
  const [capError, setCapError] = createSignal<string>()
  const [saving, setSaving] = createSignal<'available' | 'cap'>()

  async function save(body: { available?: boolean; max_open?: number }, what: 'available' | 'cap') {
    setSaving(what)
    try {
      await updateAgent(tenant().id, a().user_id, body)
      await revalidate(getAgents.keyFor(tenant().id))
      return true
    } catch (e) {
      if (what === 'cap') setCapError(errorMessage(e))
      else toast.error(t('agents.failed'), errorMessage(e))
      return false
    } finally {
      setSaving()
    }
  }

  const saveCap = (e: SubmitEvent) => {
    e.preventDefault()
    const n = Number(cap())
    if (cap().trim() === '' || !Number.isInteger(n) || n < 0 || n > 1000) {
      setCapError(t('agents.capInvalid'))
      return
    }
    setCapError()
    void save({ max_open: n }, 'cap')
  }

  return (
    <li class="flex flex-wrap items-center gap-x-4 gap-y-3 px-4 py-3">
      <div class="flex min-w-0 flex-1 basis-56 items-center gap-3">
        <span class="relative">
          <Avatar userId={a().user_id} name={a().name} />
          <span
            class={`absolute -right-0.5 -bottom-0.5 size-3 rounded-full border-2 border-surface ${a().online ? 'bg-success' : 'bg-line'}`}
            aria-hidden="true"
          />
        </span>
        <div class="min-w-0">
          <p class="truncate font-medium">
            {a().name}
            <Show when={props.me}>
              <span class="ml-1 text-sm font-normal text-muted">{t('agents.you')}</span>
            </Show>
          </p>
          <p class="truncate text-xs text-muted">
            {roleLabel(a().role as TenantRole)} · {a().online ? t('agents.online') : t('agents.offline')} ·{' '}
            <span class="tabular-nums">
              {t('agents.openOf', { open: a().open_tickets, max: a().max_open })}
            </span>
          </p>
        </div>
      </div>
      <label class="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          role="switch"
          class="size-4 accent-primary"
          checked={a().available}
          aria-checked={a().available}
          disabled={!(props.me || props.admin) || saving() === 'available'}
          onChange={(e) => {
            const el = e.currentTarget
            void save({ available: el.checked }, 'available').then((ok) => {
              if (!ok) el.checked = a().available
            })
          }}
        />
        {t('agents.available')}
      </label>
      <Show when={props.admin}>
        <form class="flex items-start gap-2" onSubmit={saveCap} noValidate>
          <div>
            <label for={id} class="sr-only">
              {t('agents.capLabel', { name: a().name })}
            </label>
            <input
              id={id}
              type="number"
              min="0"
              max="1000"
              inputmode="numeric"
              class="input min-h-9 w-20 py-1.5 tabular-nums"
              value={cap()}
              onInput={(e) => {
                setCap(e.currentTarget.value)
                setCapError()
              }}
              aria-invalid={capError() ? 'true' : undefined}
              aria-describedby={capError() ? `${id}-err` : undefined}
            />
            <Show when={capError()}>
              <p id={`${id}-err`} class="mt-1 max-w-40 text-xs text-danger">
                {capError()}
              </p>
            </Show>
          </div>
          <Button type="submit" variant="secondary" class="min-h-9 px-3 py-1.5" pending={saving() === 'cap'}>
            {t('agents.setCap')}
          </Button>
        </form>
      </Show>
    </li>
  )
}
