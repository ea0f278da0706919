import { revalidate, useNavigate } from '@solidjs/router'
import { createSignal, For, lazy, Show } from 'solid-js'
import { TENANT_ROLES } from '../../../../../edge/contract/roles.ts'
import type { Member, TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { getMembers } from '../../../api/queries.ts'
import { personName, roleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getMemberCounts, getMemberPage } from '../api.ts'
import { messages } from '../messages.ts'
import { MemberRow } from './MemberRow.tsx'

const t = translator(messages)
/** Admins' parent–child links: loaded when first opened, so the members page does not carry it. */
const LinkDialog = lazy(() => import('./LinkDialog.tsx'))

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

/** A page of the school's members: a table on wide screens, compact rows on phones; admins change roles and remove. */
export function MemberList(props: { members: Member[] }) {
  const { session, tenant: tenants } = useApp()
  const tenant = useTenant()
  const myRole = () => tenant().role
  const [error, setError] = createSignal<string>()
  const [pendingRole, setPendingRole] = createSignal<Record<string, TenantRole>>({})
  const [removing, setRemoving] = createSignal<Member>()
  const [leaving, setLeaving] = createSignal(false)
  const [linking, setLinking] = createSignal<Member>()
  const navigate = useNavigate()

  const isMe = (m: Member) => m.user_id === session.userId()
  const nameOf = (m: Member) => personName(m)
  /** Emails come only to those whose role needs them (owners, admins; staff for requesters). */
  const showEmails = () => props.members.some((m) => m.email && !isMe(m))
  /** Owners manage everyone; admins manage everyone but owners. */
  const canManage = (m: Member) => isAdminRole(myRole()) && (m.role !== 'owner' || myRole() === 'owner')
  const roleOptions = (): TenantRole[] => TENANT_ROLES.filter((r) => r !== 'owner' || myRole() === 'owner')

  // Every page of the list, the full list (pickers) and the dashboard's counts follow a change.
  const refresh = () => revalidate([getMemberPage.key, getMembers.key, getMemberCounts.keyFor(tenant().id)])

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
      <div class="overflow-hidden rounded-xl border border-line bg-surface">
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
          <tbody class="block md:table-row-group">
            <For each={props.members}>
              {(m) => (
                <MemberRow
                  member={m}
                  me={isMe(m)}
                  showEmails={showEmails()}
                  manage={
                    canManage(m)
                      ? {
                          options: roleOptions(),
                          pending: pendingRole()[m.user_id],
                          onRole: (role) => void changeRole(m, role),
                        }
                      : undefined
                  }
                  onRemove={() => setRemoving(m)}
                  onLeave={() => setLeaving(true)}
                  onLinks={
                    isAdminRole(myRole()) && (m.role === 'parent' || m.role === 'student')
                      ? () => setLinking(m)
                      : undefined
                  }
                />
              )}
            </For>
          </tbody>
        </table>
      </div>
      <Show when={linking()}>{(m) => <LinkDialog member={m()} onClose={() => setLinking()} />}</Show>
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
