import { A, createAsync } from '@solidjs/router'
import ArrowRight from 'lucide-solid/icons/arrow-right'
import BookOpen from 'lucide-solid/icons/book-open'
import MailPlus from 'lucide-solid/icons/mail-plus'
import PenLine from 'lucide-solid/icons/pen-line'
import School from 'lucide-solid/icons/school'
import UserRound from 'lucide-solid/icons/user-round'
import Users from 'lucide-solid/icons/users'
import { ErrorBoundary, For, type JSX, Show, Suspense } from 'solid-js'
import { TENANT_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { roleLabel } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { getInvitations, getMemberCounts } from './Dashboard.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)
type Key = keyof typeof messages.en

const ROLE_PLURALS = {
  owner: 'rolePlural.owner',
  admin: 'rolePlural.admin',
  instructor: 'rolePlural.instructor',
  staff: 'rolePlural.staff',
  student: 'rolePlural.student',
  parent: 'rolePlural.parent',
  partner: 'rolePlural.partner',
} as const satisfies Record<TenantRole, Key>

interface Action {
  href: string
  title: Key
  text: Key
  icon: (p: { size: number }) => JSX.Element
}

const WELCOME: Record<TenantRole, { title: Key; text: Key; soon: Key[] }> = {
  owner: {
    title: 'welcome.owner.title',
    text: 'welcome.owner.text',
    soon: ['soon.auditAdmin'],
  },
  admin: {
    title: 'welcome.admin.title',
    text: 'welcome.admin.text',
    soon: ['soon.auditAdmin'],
  },
  instructor: { title: 'welcome.instructor.title', text: 'welcome.instructor.text', soon: [] },
  staff: { title: 'welcome.staff.title', text: 'welcome.staff.text', soon: ['soon.auditSchool'] },
  student: { title: 'welcome.student.title', text: 'welcome.student.text', soon: [] },
  parent: { title: 'welcome.parent.title', text: 'welcome.parent.text', soon: ['soon.progress'] },
  partner: { title: 'welcome.partner.title', text: 'welcome.partner.text', soon: [] },
}

/** The courses card of each role: what courses mean for them. */
const COURSES_CARD: Record<TenantRole, { title: Key; text: Key }> = {
  owner: { title: 'card.courses.title', text: 'card.courses.all' },
  admin: { title: 'card.courses.title', text: 'card.courses.all' },
  instructor: { title: 'card.yourCourses.title', text: 'card.courses.instructor' },
  staff: { title: 'card.courses.title', text: 'card.courses.staff' },
  student: { title: 'card.yourCourses.title', text: 'card.courses.student' },
  parent: { title: 'card.courses.title', text: 'card.courses.parent' },
  partner: { title: 'card.courses.title', text: 'card.courses.partner' },
}

/** /t/:slug — the school's dashboard for the caller's role, with live numbers. */
export default function Dashboard() {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => tenant().name)
  const admin = () => isAdminRole(tenant().role)
  const base = () => `/t/${tenant().slug}`
  /** The caller's role as a word in the sentence ("Your role: owner"); empty for a platform admin. */
  const ownRole = () => {
    const role = tenant().role
    return role ? roleLabel(role).toLowerCase() : ''
  }

  const actions = (): Action[] => {
    const list: Action[] = []
    const role = tenant().role
    list.push({
      href: `${base()}/courses`,
      icon: BookOpen,
      ...(role ? COURSES_CARD[role] : COURSES_CARD.admin),
    })
    if (admin()) {
      list.push({
        href: `${base()}/members#invite`,
        title: 'card.invite.title',
        text: 'card.invite.text',
        icon: MailPlus,
      })
      list.push({
        href: `${base()}/settings`,
        title: 'card.settings.title',
        text: 'card.settings.text',
        icon: PenLine,
      })
    } else {
      list.push({
        href: `${base()}/members`,
        title: 'card.members.title',
        text: 'card.members.text',
        icon: Users,
      })
    }
    list.push({
      href: '/account',
      title: 'card.profile.title',
      text: 'card.profile.text',
      icon: UserRound,
    })
    list.push({
      href: '/app/new-school',
      title: 'card.newSchool.title',
      text: 'card.newSchool.text',
      icon: School,
    })
    return list
  }

  return (
    <div class="space-y-8">
      <section class="card overflow-hidden">
        <div class="bg-gradient-to-br from-brand-600 to-brand-800 px-6 py-8 text-white sm:px-8">
          <p class="text-sm text-white/80">{t('dashboard.hello', { name: session.displayName() })}</p>
          <h1 class="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">{tenant().name}</h1>
          <p class="mt-3 inline-flex rounded-full bg-white/15 px-3 py-1 text-sm font-medium">
            {ownRole() ? t('dashboard.yourRole', { role: ownRole() }) : t('dashboard.platformAdmin')}
          </p>
        </div>
        <Show when={tenant().role}>
          {(role) => (
            <div class="px-6 py-5 sm:px-8">
              <h2 class="font-semibold">{t(WELCOME[role()].title)}</h2>
              <p class="mt-1 max-w-3xl text-muted">{t(WELCOME[role()].text)}</p>
            </div>
          )}
        </Show>
      </section>

      <div class="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section aria-labelledby="people-heading" class="card p-6 lg:col-span-2">
          <h2 id="people-heading" class="font-semibold">
            {t('dashboard.people')}
          </h2>
          <ErrorBoundary fallback={(e) => <p class="mt-3 text-sm text-muted">{errorMessage(e)}</p>}>
            <Suspense fallback={<CountsSkeleton />}>
              <RoleCounts tenantId={tenant().id} />
            </Suspense>
          </ErrorBoundary>
        </section>

        <Show
          when={admin()}
          fallback={
            <Show when={tenant().role && WELCOME[tenant().role as TenantRole].soon.length > 0}>
              <section class="card p-6">
                <h2 class="font-semibold">{t('dashboard.comingSoon')}</h2>
                <ul class="mt-3 space-y-2 text-sm text-muted">
                  <For each={tenant().role ? WELCOME[tenant().role as TenantRole].soon : []}>
                    {(item) => <li class="flex gap-2">• {t(item)}</li>}
                  </For>
                </ul>
              </section>
            </Show>
          }
        >
          <section aria-labelledby="inv-heading" class="card p-6">
            <h2 id="inv-heading" class="font-semibold">
              {t('dashboard.invitations')}
            </h2>
            <ErrorBoundary fallback={(e) => <p class="mt-3 text-sm text-muted">{errorMessage(e)}</p>}>
              <Suspense fallback={<Skeleton class="mt-4 h-10 w-24" />}>
                <PendingInvitations tenantId={tenant().id} href={`${base()}/members#invitations`} />
              </Suspense>
            </ErrorBoundary>
          </section>
        </Show>
      </div>

      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading" class="mb-4 text-lg font-semibold">
          {t('dashboard.actions')}
        </h2>
        <ul class="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <For each={actions()}>
            {(a) => (
              <li>
                <A
                  href={a.href}
                  class="card group flex h-full items-start gap-4 p-5 transition-colors hover:border-primary/50 hover:bg-subtle/40"
                >
                  <span class="rounded-lg bg-primary/10 p-2.5 text-primary">
                    <a.icon size={20} />
                  </span>
                  <span class="min-w-0 flex-1">
                    <span class="flex items-center gap-1 font-semibold">
                      {t(a.title)}
                      <ArrowRight size={16} class="opacity-0 transition-opacity group-hover:opacity-100" />
                    </span>
                    <span class="mt-1 block text-sm text-muted">{t(a.text)}</span>
                  </span>
                </A>
              </li>
            )}
          </For>
        </ul>
      </section>
    </div>
  )
}

function CountsSkeleton() {
  return (
    <div class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3" aria-hidden="true">
      <For each={[1, 2, 3, 4, 5, 6]}>{() => <Skeleton class="h-16 w-full rounded-lg" />}</For>
    </div>
  )
}

/** Members per role, counted by the server (GET /tenants/:id/members/counts), not the whole list. */
function RoleCounts(props: { tenantId: string }) {
  const counts = createAsync(() => getMemberCounts(props.tenantId))
  const count = (role: TenantRole) => counts()?.by_role[role] ?? 0
  return (
    <Show when={counts()}>
      {(c) => (
        <>
          <p class="mt-1 text-sm text-muted">{t('dashboard.membersTotal', { count: c().total })}</p>
          <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
            <For each={TENANT_ROLES}>
              {(role) => (
                <div class={`rounded-lg border border-line px-4 py-3 ${count(role) ? '' : 'opacity-60'}`}>
                  <dt class="text-sm text-muted">{t(ROLE_PLURALS[role])}</dt>
                  <dd class="text-2xl font-semibold tabular-nums">{count(role)}</dd>
                </div>
              )}
            </For>
          </dl>
        </>
      )}
    </Show>
  )
}

/** The number of pending invitations, for owners and admins. */
function PendingInvitations(props: { tenantId: string; href: string }) {
  const invitations = createAsync(() => getInvitations(props.tenantId))
  const pending = () => invitations()?.filter((i) => i.status === 'pending').length ?? 0
  return (
    <Show when={invitations()}>
      <p class="mt-3 text-4xl font-semibold tabular-nums">{pending()}</p>
      <p class="text-sm text-muted">{t('dashboard.waiting', { count: pending() })}</p>
      <A href={props.href} class="link mt-4 inline-flex items-center gap-1 text-sm">
        {t('dashboard.reviewInvitations')}
        <ArrowRight size={14} />
      </A>
    </Show>
  )
}
