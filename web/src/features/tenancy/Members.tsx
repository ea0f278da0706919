import { createAsync, useLocation } from '@solidjs/router'
import UserPlus from 'lucide-solid/icons/user-plus'
import Users from 'lucide-solid/icons/users'
import { createEffect, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { InvitationList } from './components/InvitationList.tsx'
import { InviteForm } from './components/InviteForm.tsx'
import { MemberList } from './components/MemberList.tsx'
import { getInvitations, getMembers } from './Members.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/members — who is in the school; owners and admins invite, change roles and remove. */
export default function Members() {
  const tenant = useTenant()
  const location = useLocation()
  usePageTitle(() => t('members.docTitle', { school: tenant().name }))
  const admin = () => isAdminRole(tenant().role)

  // Links to #invite / #invitations (from the dashboard) scroll there once the section exists.
  createEffect(() => {
    const hash = location.hash.replace('#', '')
    if (!hash) return
    queueMicrotask(() => {
      const el = document.getElementById(hash)
      el?.scrollIntoView({ block: 'start' })
      if (hash === 'invite') el?.querySelector<HTMLInputElement>('input')?.focus()
    })
  })

  const focusInvite = () => {
    const section = document.getElementById('invite')
    section?.scrollIntoView({ behavior: 'smooth', block: 'start' })
    section?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true })
  }

  return (
    <div class="space-y-10">
      <section aria-labelledby="members-heading">
        <div class="mb-4 flex flex-wrap items-end justify-between gap-2">
          <div>
            <h1 id="members-heading" class="text-2xl font-bold tracking-tight">
              {t('members.title')}
            </h1>
            <p class="mt-1 text-sm text-muted">
              {admin() ? t('members.adminText') : t('members.memberText')}
            </p>
          </div>
          <Show when={admin()}>
            <button type="button" class="btn-secondary" onClick={focusInvite}>
              <UserPlus size={16} />
              {t('members.inviteSomeone')}
            </button>
          </Show>
        </div>
        <Boundary keys={getMembers.keyFor(tenant().id)} fallback={<ListSkeleton />}>
          <MembersSection tenantId={tenant().id} />
        </Boundary>
      </section>

      <Show when={admin()}>
        <section id="invite" aria-labelledby="invite-heading" class="card scroll-mt-24 p-5 sm:p-6">
          <h2 id="invite-heading" class="text-lg font-semibold">
            {t('members.inviteSomeone')}
          </h2>
          <p class="mt-1 mb-4 text-sm text-muted">{t('members.inviteText')}</p>
          <InviteForm />
        </section>

        <section id="invitations" aria-labelledby="invitations-heading" class="scroll-mt-24">
          <h2 id="invitations-heading" class="mb-4 text-lg font-semibold">
            {t('members.invitations')}
          </h2>
          <Boundary keys={getInvitations.keyFor(tenant().id)} fallback={<ListSkeleton rows={2} />}>
            <InvitationsSection tenantId={tenant().id} />
          </Boundary>
        </section>
      </Show>
    </div>
  )
}

function MembersSection(props: { tenantId: string }) {
  const members = createAsync(() => getMembers(props.tenantId))
  return (
    <Show when={members()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={<EmptyState icon={<Users size={28} />} title={t('members.none')} />}
        >
          <p class="mb-3 text-sm text-muted">{t('members.count', { count: list().length })}</p>
          <MemberList members={list()} />
        </Show>
      )}
    </Show>
  )
}

function InvitationsSection(props: { tenantId: string }) {
  const invitations = createAsync(() => getInvitations(props.tenantId))
  return <Show when={invitations()}>{(list) => <InvitationList invitations={list()} />}</Show>
}
