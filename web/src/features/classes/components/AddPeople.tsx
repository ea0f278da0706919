import { createResource, createSignal, For, Show } from 'solid-js'
import type { ClassPerson } from '../../../../../edge/contract/classes.ts'
import type { TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Finds members of one role by name (the members search) and adds them one click at a time. */
export function AddPeople(props: {
  tenantId: string
  memberRole: TenantRole
  label: string
  /** People already in the list: not offered again. */
  present: ClassPerson[]
  onAdd: (person: ClassPerson) => Promise<void>
}) {
  const [q, setQ] = createSignal('')
  const [found] = createResource(
    () => (q().trim().length >= 2 ? q().trim() : undefined),
    (text) =>
      api().get('/tenants/:id/members/search', {
        params: { id: props.tenantId },
        query: { q: text, role: props.memberRole, limit: 8, offset: 0 },
      }),
  )
  const offered = () =>
    (found()?.members ?? []).filter((m) => !props.present.some((p) => p.user_id === m.user_id))
  return (
    <div class="space-y-2">
      <TextField
        label={props.label}
        type="search"
        value={q()}
        onValue={setQ}
        description={t('class.searchHint')}
        autocomplete="off"
      />
      <Show when={found.error}>
        <p class="text-sm text-danger">{errorMessage(found.error)}</p>
      </Show>
      <Show when={found() && q().trim().length >= 2}>
        <Show when={offered().length > 0} fallback={<p class="text-sm text-muted">{t('class.noMatches')}</p>}>
          <ul class="divide-y divide-line rounded-lg border border-line" aria-label={props.label}>
            <For each={offered()}>
              {(m) => (
                <li class="flex items-center justify-between gap-2 px-3 py-1.5 text-sm">
                  <span>{m.display_name}</span>
                  <Button
                    variant="secondary"
                    aria-label={t('class.addLabel', { name: m.display_name })}
                    onClick={() => props.onAdd({ user_id: m.user_id, display_name: m.display_name })}
                  >
                    {t('class.add')}
                  </Button>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </div>
  )
}
