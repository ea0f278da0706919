import { revalidate, useNavigate } from '@solidjs/router'
import LogOut from 'lucide-solid/icons/log-out'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, For, Show } from 'solid-js'
import { TENANT_ROLES } from '../../../../../edge/contract/roles.ts'
import type { Member, TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { getMembers } from '../../../api/queries.ts'
import { formatDate, initials, personName, roleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getMemberCounts } from '../api.ts'
import { messages } from '../messages.ts'
import { RoleSelect } from './RoleSelect.tsx'

const CELL = 'flex items-center justify-between gap-3 py-1 md:table-cell md:px-4 md:py-3'
const MOBILE_LABEL = 'text-xs font-medium text-muted md:hidden'

const t = translator(messages)

/**
 * "Grace is now an admin." (English picks a or an by the role, and says "a member of staff"; the
 * sentence is one key per form).
 */
function nowRole(name: string, role: TenantRole): string {
  const params = { name, role: roleLabel(role).toLowerCase() }
  if (role === 'staff') return t('memberList.nowStaff', { name })
  return role === 'admin' || role === 'owner' || role === 'instructor'
    ? t('memberList.nowAn', params)
    : t('memberList.nowA', params)
}

/** The school's members: a table on wide screens, cards on phones; admins change roles and remove. */
export function MemberList(props: { members: Member[] }) {
  const { session, tenant: tenants } = useApp()
  const tenant = useTenant()
  const myRole = () => tenant().role
  const [error, setError] = createSignal<string>()
  const [pendingRole, setPendingRole] = createSignal<Record<string, TenantRole>>({})
  const [removing, setRemoving] = createSignal<Member>()
  const [leaving, setLeaving] = createSignal(false)
  const navigate = useNavigate()

  const isMe = (m: Member) => m.user_id === session.userId()
  const nameOf = (m: Member) => personName(m)
  /** Emails come only to those whose role needs them (owners, admins; staff for requesters). */
  const showEmails = () => props.members.some((m) => m.email && !isMe(m))
  /** Owners manage everyone; admins manage everyone but owners. */
  const canManage = (m: Member) => isAdminRole(myRole()) && (m.role !== 'owner' || myRole() === 'owner')
  const roleOptions = (): TenantRole[] => TENANT_ROLES.filter((r) => r !== 'owner' || myRole() === 'owner')

  // The dashboard's counts follow the list: a role change or removal changes them too.
  const refresh = () => revalidate([getMembers.keyFor(tenant().id), getMemberCounts.keyFor(tenant().id)])

  async function changeRole(m: Member, role: TenantRole) {
    setError()
    setPendingRole((p) => ({ ...p, [m.user_id]: role }))
    try {
      await api().patch(
        '/tenants/:id/members/:userId',
        { role },
        { params: { id: tenant().id, userId: m.user_id } },
      )
      await refresh()
      if (isMe(m)) await tenants.refresh()
      toast.success(t('memberList.roleChanged'), nowRole(nameOf(m), role))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPendingRole(({ [m.user_id]: _, ...rest }) => rest)
    }
  }

  async function remove(m: Member) {
    await api().delete('/tenants/:id/members/:userId', { params: { id: tenant().id, userId: m.user_id } })
    toast.success(
      t('memberList.removed'),
      t('memberList.removedText', { name: nameOf(m), school: tenant().name }),
    )
    setError()
    await refresh()
    if (isMe(m)) await tenants.refresh()
  }

  async function leave() {
    await api().delete('/tenants/:id/members/:userId', {
      params: { id: tenant().id, userId: session.userId()! },
    })
    toast.success(t('memberList.left', { school: tenant().name }))
    await tenants.refresh()
    navigate('/app', { replace: true })
  }

  return (
    <div>
      <Show when={error()}>
        <FormAlert class="mb-4" title={t('memberList.failed')}>
          <p>{error()}</p>
        </FormAlert>
      </Show>
      <div class="md:overflow-hidden md:rounded-xl md:border md:border-line md:bg-surface">
        <table class="block w-full text-sm md:table">
          <thead class="hidden border-b border-line bg-subtle/50 text-left text-xs tracking-wide text-muted uppercase md:table-header-group">
            <tr>
              <th scope="col" class="px-4 py-3 font-medium">
                {t('memberList.name')}
              </th>
              <Show when={showEmails()}>
                <th scope="col" class="px-4 py-3 font-medium">
                  {t('memberList.email')}
                </th>
              </Show>
              <th scope="col" class="px-4 py-3 font-medium">
                {t('memberList.role')}
              </th>
              <th scope="col" class="px-4 py-3 font-medium">
                {t('memberList.joined')}
              </th>
              <th scope="col" class="px-4 py-3 font-medium">
                <span class="sr-only">{t('memberList.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody class="block space-y-3 md:table-row-group md:space-y-0">
            <For each={props.members}>
              {(m) => (
                <tr class="card block p-4 md:table-row md:rounded-none md:border-0 md:border-b md:border-line md:bg-transparent md:last:border-b-0 md:p-0 md:shadow-none">
                  <td class="flex items-center gap-3 pb-2 md:table-cell md:px-4 md:py-3">
                    <span class="flex items-center gap-3">
                      <span
                        class="grid size-9 shrink-0 place-items-center rounded-full bg-subtle text-xs font-semibold text-muted"
                        aria-hidden="true"
                      >
                        {initials(nameOf(m))}
                      </span>
                      <span class="min-w-0">
                        <span class="block font-medium">
                          {nameOf(m)}
                          <Show when={isMe(m)}>
                            <span class="ml-1.5 text-xs font-normal text-muted">{t('memberList.you')}</span>
                          </Show>
                        </span>
                        <Show when={showEmails() && m.email}>
                          <span class="block truncate text-muted md:hidden">{m.email}</span>
                        </Show>
                      </span>
                    </span>
                  </td>
                  <Show when={showEmails()}>
                    <td class="hidden text-muted md:table-cell md:px-4 md:py-3">{m.email ?? ''}</td>
                  </Show>
                  <td class={CELL}>
                    <span class={MOBILE_LABEL}>{t('memberList.role')}</span>
                    <Show when={canManage(m)} fallback={<RoleBadge role={m.role} />}>
                      <RoleSelect
                        value={pendingRole()[m.user_id] ?? m.role}
                        options={roleOptions()}
                        label={t('memberList.accessFor', { name: nameOf(m) })}
                        disabled={m.user_id in pendingRole()}
                        onChange={(role) => void changeRole(m, role)}
                      />
                    </Show>
                  </td>
                  <td class={CELL}>
                    <span class={MOBILE_LABEL}>{t('memberList.joined')}</span>
                    <span class="text-muted">{formatDate(m.joined_at)}</span>
                  </td>
                  <td class="flex justify-end pt-2 md:table-cell md:px-4 md:py-3 md:text-right">
                    <Show when={isMe(m)}>
                      <button
                        type="button"
                        class="btn-ghost min-h-9 px-3 text-muted hover:text-fg"
                        onClick={() => setLeaving(true)}
                      >
                        <LogOut size={16} />
                        {t('memberList.leave')}
                      </button>
                    </Show>
                    <Show when={canManage(m) && !isMe(m)}>
                      <button
                        type="button"
                        class="btn-ghost min-h-9 px-3 text-danger hover:bg-danger-soft"
                        aria-label={t('memberList.removeName', { name: nameOf(m) })}
                        onClick={() => setRemoving(m)}
                      >
                        <Trash size={16} />
                        <span class="md:sr-only lg:not-sr-only">{t('memberList.remove')}</span>
                      </button>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={leaving()}
        onOpenChange={setLeaving}
        title={t('memberList.leaveTitle', { school: tenant().name })}
        confirmLabel={t('memberList.leave')}
        danger
        onConfirm={leave}
      >
        <p>{t('memberList.leaveText')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing() !== undefined}
        onOpenChange={(open) => !open && setRemoving()}
        title={t('memberList.removeTitle', { name: removing() ? nameOf(removing()!) : '' })}
        confirmLabel={t('memberList.removeConfirm')}
        danger
        onConfirm={() => remove(removing()!)}
      >
        <p>{t('memberList.removeText', { school: tenant().name })}</p>
      </ConfirmDialog>
    </div>
  )
}
