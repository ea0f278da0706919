import { createAsync, useLocation, useSearchParams } from '@solidjs/router'
import UserPlus from 'lucide-solid/icons/user-plus'
import Users from 'lucide-solid/icons/users'
import { createEffect, lazy, Show } from 'solid-js'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { InvitationList } from './components/InvitationList.tsx'
import { InviteForm } from './components/InviteForm.tsx'
import { MemberFilters } from './components/MemberFilters.tsx'
import { MemberList } from './components/MemberList.tsx'
import { MemberPager } from './components/MemberPager.tsx'
import { getInvitations, getMemberPage, MEMBER_PAGE_SIZE } from './Members.data.ts'
import { type MemberParams, readMemberFilters } from './member-filters.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** The "Import students" flow: its own chunk, loaded when an admin opens the members page. */
const ImportStudents = lazy(() => import('./components/ImportStudents.tsx'))

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
        <MembersSection tenantId={tenant().id} emails={admin()} />
      </section>

      <Show when={admin()}>
        <section id="invite" aria-labelledby="invite-heading" class="card scroll-mt-24 p-5 sm:p-6">
          <h2 id="invite-heading" class="text-lg font-semibold">
            {t('members.inviteSomeone')}
          </h2>
          <p class="mt-1 mb-4 text-sm text-muted">{t('members.inviteText')}</p>
          <InviteForm />
        </section>

        <section id="import" aria-labelledby="import-heading" class="card scroll-mt-24 p-5 sm:p-6">
          <Boundary fallback={<ListSkeleton rows={2} />}>
            <ImportStudents />
          </Boundary>
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

/** The search, one page of members and the pager, all read from and written to the URL. */
function MembersSection(props: { tenantId: string; emails: boolean }) {
  const [params, setParams] = useSearchParams<MemberParams>()
  const filters = () => readMemberFilters(params)
  const filtered = () => filters().q !== '' || filters().role !== undefined
  // A new search or role starts on the first page (and replaces the entry: typing is not history).
  // Each writes only its own parameter, so a search landing just after a role change keeps the role.
  const search = (next: MemberParams) => setParams({ ...next, page: undefined }, { replace: true })
  return (
    <>
      <MemberFilters
        filters={filters()}
        emails={props.emails}
        onSearch={(q) => search({ q: q || undefined })}
        onRole={(role) => search({ role })}
      />
      <Boundary keys={getMemberPage.key} fallback={<ListSkeleton />}>
        <MemberResults
          tenantId={props.tenantId}
          filtered={filtered()}
          onClear={() => search({ q: undefined, role: undefined })}
          onPage={(page, replace) => setParams({ page: page > 1 ? String(page) : undefined }, { replace })}
          {...filters()}
        />
      </Boundary>
    </>
  )
}

function MemberResults(props: {
  tenantId: string
  q: string
  role: TenantRole | undefined
  page: number
  filtered: boolean
  onClear: () => void
  onPage: (page: number, replace?: boolean) => void
}) {
  const data = createAsync(() => getMemberPage(props.tenantId, props.q, props.role, props.page))
  const pages = () => Math.max(1, Math.ceil((data()?.total ?? 0) / MEMBER_PAGE_SIZE))
  // A page past the end (an old link, the last member of the last page removed): the last page.
  createEffect(() => {
    const d = data()
    if (d && d.members.length === 0 && props.page > pages()) props.onPage(pages(), true)
  })
  return (
    <Show when={data()}>
      {(d) => (
        <Show when={d().total > 0} fallback={<NoMembers filtered={props.filtered} onClear={props.onClear} />}>
          <p class="mb-3 text-sm text-muted" aria-live="polite">
            {props.filtered
              ? t('members.matching', { count: d().total })
              : t('members.count', { count: d().total })}
          </p>
          <MemberList members={d().members} />
          <MemberPager page={props.page} pages={pages()} onPage={props.onPage} />
        </Show>
      )}
    </Show>
  )
}

function NoMembers(props: { filtered: boolean; onClear: () => void }) {
  return (
    <Show
      when={props.filtered}
      fallback={<EmptyState icon={<Users size={28} />} title={t('members.none')} />}
    >
      <EmptyState icon={<Users size={28} />} title={t('members.noMatch')}>
        <button type="button" class="btn-secondary mt-2" onClick={props.onClear}>
          {t('members.clear')}
        </button>
      </EmptyState>
    </Show>
  )
}

function InvitationsSection(props: { tenantId: string }) {
  const invitations = createAsync(() => getInvitations(props.tenantId))
  return <Show when={invitations()}>{(list) => <InvitationList invitations={list()} />}</Show>
}
