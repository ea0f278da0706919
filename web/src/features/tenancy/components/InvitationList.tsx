import { revalidate } from '@solidjs/router'
import MailPlus from 'lucide-solid/icons/mail-plus'
import { createSignal, For, Show } from 'solid-js'
import type { Invitation } from '../../../../../edge/contract/tenancy.ts'
import { formatDate, relativeTime } from '../../../lib/format.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getInvitations } from '../api.ts'

const STATUS: Record<Invitation['status'], { label: string; class: string }> = {
  pending: { label: 'Pending', class: 'bg-warn-soft text-warn' },
  accepted: { label: 'Accepted', class: 'bg-success-soft text-success' },
  expired: { label: 'Expired', class: 'bg-subtle text-muted' },
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
    toast.success('Invitation revoked', `The link sent to ${inv.email} no longer works.`)
    await revalidate(getInvitations.keyFor(tenant().id))
  }

  return (
    <Show
      when={props.invitations.length > 0}
      fallback={
        <EmptyState icon={<MailPlus size={28} />} title="No invitations yet — invite your first instructor">
          Invitations you send appear here until they are accepted or expire.
        </EmptyState>
      }
    >
      <ul class="divide-y divide-line rounded-xl border border-line bg-surface">
        <For each={sorted()}>
          {(inv) => (
            <li class="flex flex-col gap-3 px-4 py-3 sm:flex-row sm:items-center">
              <div class="min-w-0 flex-1">
                <p class="truncate font-medium">{inv.email}</p>
                <p class="mt-0.5 text-sm text-muted">
                  {inv.status === 'accepted'
                    ? `Accepted ${formatDate(inv.accepted_at)}`
                    : inv.status === 'expired'
                      ? `Expired ${formatDate(inv.expires_at)}`
                      : `Sent ${formatDate(inv.created_at)} · expires ${relativeTime(inv.expires_at)}`}
                </p>
              </div>
              <div class="flex items-center gap-2">
                <RoleBadge role={inv.role} />
                <span class={`badge ${STATUS[inv.status].class}`}>{STATUS[inv.status].label}</span>
                <Show when={inv.status === 'pending'}>
                  <button
                    type="button"
                    class="btn-ghost ml-auto min-h-8 px-3 py-1 text-danger hover:bg-danger-soft sm:ml-2"
                    aria-label={`Revoke invitation for ${inv.email}`}
                    onClick={() => setRevoking(inv)}
                  >
                    Revoke
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
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        danger
        onConfirm={() => revoke(revoking()!)}
      >
        <p>
          The link sent to {revoking()?.email} will stop working. You can send a new invitation at any time.
        </p>
      </ConfirmDialog>
    </Show>
  )
}
