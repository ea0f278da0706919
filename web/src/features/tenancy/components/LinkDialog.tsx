import * as Dialog from '@kobalte/core/dialog'
import X from 'lucide-solid/icons/x'
import { createResource, createSignal, For, Show } from 'solid-js'
import type { GuardianLink } from '../../../../../edge/contract/guardians.ts'
import type { Member } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { personName } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { returnFocusToOpener } from '../../../ui/return-focus.ts'
import { AdminInviteParent } from '../../guardians/AdminInviteParent.tsx'
import { linkChild, listLinks, unlinkChild } from '../../guardians/api.ts'
import { messages } from '../../guardians/messages.ts'

const t = translator(messages)

/**
 * Admins link a parent to children, or a student to parents: the member's links with "Unlink", and
 * a search of the other side (students for a parent, parents for a student) with "Link". Loaded
 * lazily by the member list.
 */
export default function LinkDialog(props: { member: Member; onClose: () => void }) {
  const tenant = useTenant()
  const isParent = () => props.member.role === 'parent'
  const name = () => personName(props.member)
  const filter = () =>
    isParent() ? { parent_id: props.member.user_id } : { student_id: props.member.user_id }
  const [links, { refetch }] = createResource(() => listLinks(tenant().id, filter()))
  const [q, setQ] = createSignal('')
  // The source is an object so that an empty search lists the first few too.
  const [found] = createResource(
    () => ({ q: q().trim() }),
    ({ q: query }) =>
      api().get('/tenants/:id/members/search', {
        params: { id: tenant().id },
        query: { q: query || undefined, role: isParent() ? 'student' : 'parent', limit: 8, offset: 0 },
      }),
  )
  const [error, setError] = createSignal<string>()
  const [busy, setBusy] = createSignal<string>()
  const otherOf = (l: GuardianLink) =>
    isParent() ? { id: l.student_id, name: l.student_name } : { id: l.parent_id, name: l.parent_name }
  const pair = (other: string) => (isParent() ? [props.member.user_id, other] : [other, props.member.user_id])
  const linkedIds = () => new Set((links() ?? []).map((l) => otherOf(l).id))

  async function act(other: string, run: (parent: string, student: string) => Promise<unknown>) {
    setError()
    setBusy(other)
    try {
      const [parent, student] = pair(other) as [string, string]
      await run(parent, student)
      await refetch()
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy()
    }
  }
  const link = (other: string) => act(other, (p, s) => linkChild(tenant().id, p, s))
  const unlink = (other: string) => act(other, (p, s) => unlinkChild(tenant().id, p, s))

  return (
    <Dialog.Root open onOpenChange={(open) => !open && props.onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-50 bg-black/50 backdrop-blur-[1px]" />
        <div class="fixed inset-0 z-50 flex items-end justify-center p-4 sm:items-center">
          <Dialog.Content class="card w-full max-w-md p-6 shadow-xl" {...returnFocusToOpener()}>
            <div class="flex items-start justify-between gap-4">
              <Dialog.Title class="text-lg font-semibold">
                {isParent()
                  ? t('link.titleParent', { name: name() })
                  : t('link.titleStudent', { name: name() })}
              </Dialog.Title>
              <Dialog.CloseButton class="btn-ghost -mt-2 -mr-2 size-9 px-0" aria-label={t('link.close')}>
                <X size={18} />
              </Dialog.CloseButton>
            </div>
            <Show when={error()}>
              <FormAlert class="mt-3">{error()}</FormAlert>
            </Show>
            <h3 class="mt-4 text-sm font-medium">{t('link.linked')}</h3>
            <ul class="mt-2 divide-y divide-line">
              <For each={links() ?? []} fallback={<li class="py-2 text-sm text-muted">{t('link.none')}</li>}>
                {(l) => (
                  <li class="flex items-center justify-between gap-3 py-2">
                    <span class="truncate">{otherOf(l).name}</span>
                    <button
                      type="button"
                      class="btn-ghost min-h-9 px-3 text-danger"
                      disabled={busy() !== undefined}
                      aria-label={t('link.removeLabel', { name: otherOf(l).name })}
                      onClick={() => void unlink(otherOf(l).id)}
                    >
                      {t('link.remove')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
            <label class="mt-4 block text-sm font-medium" for="link-search">
              {isParent() ? t('link.searchStudents') : t('link.searchParents')}
            </label>
            <input
              id="link-search"
              class="input mt-1"
              type="search"
              placeholder={t('link.search')}
              value={q()}
              onInput={(e) => setQ(e.currentTarget.value)}
            />
            <ul class="mt-2 divide-y divide-line">
              <For
                each={(found()?.members ?? []).filter((m) => !linkedIds().has(m.user_id))}
                fallback={
                  <Show when={found()}>
                    <li class="py-2 text-sm text-muted">{t('link.noMatch')}</li>
                  </Show>
                }
              >
                {(m) => (
                  <li class="flex items-center justify-between gap-3 py-2">
                    <span class="truncate">{personName(m)}</span>
                    <button
                      type="button"
                      class="btn-secondary min-h-9 px-3"
                      disabled={busy() !== undefined}
                      aria-label={t('link.addLabel', { name: personName(m) })}
                      onClick={() => void link(m.user_id)}
                    >
                      {t('link.add')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
            {isParent() ? null : (
              <AdminInviteParent tenantId={tenant().id} studentId={props.member.user_id} />
            )}
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
