import { revalidate } from '@solidjs/router'
import MailPlus from 'lucide-solid/icons/mail-plus'
import { createSignal, For, Show } from 'solid-js'
import type { Invitation } from '../../../../../edge/contract/tenancy.ts'
import { formatDate, relativeTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getInvitations } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const STATUS = {
  pending: { label: 'invitations.pending', class: 'bg-warn-soft text-warn' },
  accepted: { label: 'invitations.accepted', class: 'bg-success-soft text-success' },
  expired: { label: 'invitations.expired', class: 'bg-subtle text-muted' },
} as const satisfies Record<Invitation['status'], { label: keyof typeof messages.en; class: string }>

/** When an invitation was accepted, expired, or was sent and expires. */
function statusLine(inv: Invitation): string {
  if (inv.status === 'accepted') return t('invitations.acceptedOn', { date: formatDate(inv.accepted_at) })
  if (inv.status === 'expired') return t('invitations.expiredOn', { date: formatDate(inv.expires_at) })
  return t('invitations.sentOn', { date: formatDate(inv.created_at), when: relativeTime(inv.expires_at) })
}

const ORDER: Record<Invitation['status'], number> = { pending: 0, accepted: 1, expired: 2 }

/** Pending, accepted and expired invitations, pending first; pending ones can be revoked. */
export function InvitationList(props: { invitations: Invitation[] }) {
  const tenant = useTenant()
  const [revoking, setRevoking] = createSignal<Invitation>()
  const sorted = () =>
    [...props.invitations].sort(
      (a, b) => ORDER[a.status] - ORDER[b.status] || b.created_at.localeCompare(a.created_at),
    )

  async function revoke(inv: Invitation) {
    await api().delete('/tenants/:id/invitations/:invId', { params: { id: tenant().id, invId: inv.id } })
    toast.success(t('invitations.revoked'), t('invitations.revokedText', { email: inv.email }))
    await revalidate(getInvitations.keyFor(tenant().id))
  }

  return (
    <Show
      when={props.invitations.length > 0}
      fallback={
        <EmptyState icon={<MailPlus size={28} />} title={t('invitations.empty')}>
          {t('invitations.emptyText')}
        </EmptyState>
      }
    >
      <ul class="divide-y divide-line rounded-xl border border-line bg-surface">
        <For each={sorted()}>
          {(inv) => (
            <li class="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
              <div class="min-w-0 flex-1">
                <p class="truncate font-medium">{inv.email}</p>
                <p class="mt-0.5 text-sm text-muted">{statusLine(inv)}</p>
              </div>
              <div class="flex items-center gap-2">
                <RoleBadge role={inv.role} />
                <span class={`badge ${STATUS[inv.status].class}`}>{t(STATUS[inv.status].label)}</span>
                <Show when={inv.status === 'pending'}>
                  <button
                    type="button"
                    class="btn-ghost ml-auto min-h-8 px-3 py-1 text-danger hover:bg-danger-soft sm:ml-2"
                    aria-label={t('invitations.revokeFor', { email: inv.email })}
                    onClick={() => setRevoking(inv)}
                  >
                    {t('invitations.revoke')}
                  </button>
                </Show>
              </div>
            </li>
          )}
        </For>
      </ul>
      <ConfirmDialog
        open={revoking() !== undefined}
        onOpenChange={(open) => !open && setRevoking()}
        title={t('invitations.revokeTitle')}
        confirmLabel={t('invitations.revokeConfirm')}
        danger
        onConfirm={() => revoke(revoking()!)}
      >
        <p>{t('invitations.revokeText', { email: revoking()?.email ?? '' })}</p>
      </ConfirmDialog>
    </Show>
  )
}
