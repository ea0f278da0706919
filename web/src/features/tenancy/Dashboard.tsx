import { A, createAsync } from '@solidjs/router'
import ArrowRight from 'lucide-solid/icons/arrow-right'
import BookOpen from 'lucide-solid/icons/book-open'
import MailPlus from 'lucide-solid/icons/mail-plus'
import PenLine from 'lucide-solid/icons/pen-line'
import School from 'lucide-solid/icons/school'
import UserRound from 'lucide-solid/icons/user-round'
import Users from 'lucide-solid/icons/users'
import { ErrorBoundary, For, type JSX, Show, Suspense } from 'solid-js'
import { TENANT_ROLES, type TenantRole } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { plural } from '../../lib/format.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { getInvitations, getMemberCounts } from './Dashboard.data.ts'

const ROLE_PLURALS: Record<TenantRole, string> = {
  owner: 'Owners',
  admin: 'Admins',
  instructor: 'Instructors',
  staff: 'Staff',
  student: 'Students',
  parent: 'Parents',
}

interface Action {
  href: string
  title: string
  text: string
  icon: (p: { size: number }) => JSX.Element
}

const WELCOME: Record<TenantRole, { title: string; text: string; soon: string[] }> = {
  owner: {
    title: 'Your school is ready',
    text: 'You own this school. Invite your instructors, staff, students and parents, and give each the right role.',
    soon: ['Billing and plans', 'Audit log of admin actions', 'Revenue split with instructors'],
  },
  admin: {
    title: 'Run your school',
    text: 'As an admin you manage who belongs here and what they can do, and keep the school’s details up to date.',
    soon: ['Audit log of admin actions', 'Billing and plans'],
  },
  instructor: {
    title: 'Welcome, instructor',
    text: 'You teach here: write lessons with your co-authors and meet students in tutoring sessions.',
    soon: ['An AI tutor grounded in your published lessons'],
  },
  staff: {
    title: 'Welcome to the team',
    text: 'You help run the school day to day: answer the support queue and keep an eye on tutoring sessions.',
    soon: ['Audit log of the school’s activity'],
  },
  student: {
    title: 'Welcome, learner',
    text: 'You are enrolled in this school. Your courses, tutoring sessions and AI tutor will show up here.',
    soon: ['Ask the AI tutor about your course’s lessons'],
  },
  parent: {
    title: 'Welcome, parent',
    text: 'You can follow your child’s school here. Keep your contact details up to date so the school can reach you.',
    soon: ['Follow your child’s progress'],
  },
}

/** The courses card of each role: what courses mean for them. */
const COURSES_CARD: Record<TenantRole, { title: string; text: string }> = {
  owner: { title: 'Courses', text: 'Every course of the school, with its co-authors and students.' },
  admin: { title: 'Courses', text: 'Every course of the school, with its co-authors and students.' },
  instructor: {
    title: 'Your courses',
    text: 'Create a course, write its lessons live with co-authors and publish them.',
  },
  staff: { title: 'Courses', text: 'The school’s courses; read lesson drafts as they are written.' },
  student: { title: 'Your courses', text: 'Enrol in free courses and read your published lessons.' },
  parent: { title: 'Courses', text: 'See the courses your school teaches.' },
}

/** /t/:slug — the school's dashboard for the caller's role, with live numbers. */
export default function Dashboard() {
  const { session } = useApp()
  const tenant = useTenant()
  usePageTitle(() => tenant().name)
  const admin = () => isAdminRole(tenant().role)
  const base = () => `/t/${tenant().slug}`

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
        title: 'Invite people',
        text: 'Add instructors, staff, students and parents by email.',
        icon: MailPlus,
      })
      list.push({
        href: `${base()}/settings`,
        title: 'Rename or move your school',
        text: 'Change its name, web address and time zone.',
        icon: PenLine,
      })
    } else {
      list.push({
        href: `${base()}/members`,
        title: 'See who is here',
        text: 'The people in your school and their roles.',
        icon: Users,
      })
    }
    list.push({
      href: '/account',
      title: 'Your profile',
      text: 'Your display name, password and sign-ins.',
      icon: UserRound,
    })
    list.push({
      href: '/app/new-school',
      title: 'Start another school',
      text: 'Create a school of your own; you will be its owner.',
      icon: School,
    })
    return list
  }

  return (
    <div class="space-y-8">
      <section class="card overflow-hidden">
        <div class="bg-gradient-to-br from-brand-600 to-brand-800 px-6 py-8 text-white sm:px-8">
          <p class="text-sm text-white/80">Hello, {session.displayName()}</p>
          <h1 class="mt-1 text-2xl font-bold tracking-tight sm:text-3xl">{tenant().name}</h1>
          <p class="mt-3 inline-flex rounded-full bg-white/15 px-3 py-1 text-sm font-medium">
            {tenant().role
              ? `Your role: ${tenant().role}`
              : 'You are viewing this school as a platform admin.'}
          </p>
        </div>
        <Show when={tenant().role}>
          {(role) => (
            <div class="px-6 py-5 sm:px-8">
              <h2 class="font-semibold">{WELCOME[role()].title}</h2>
              <p class="mt-1 max-w-3xl text-muted">{WELCOME[role()].text}</p>
            </div>
          )}
        </Show>
      </section>

      <div class="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <section aria-labelledby="people-heading" class="card p-6 lg:col-span-2">
          <h2 id="people-heading" class="font-semibold">
            People
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
            <Show when={tenant().role}>
              <section class="card p-6">
                <h2 class="font-semibold">Coming soon here</h2>
                <ul class="mt-3 space-y-2 text-sm text-muted">
                  <For each={tenant().role ? WELCOME[tenant().role as TenantRole].soon : []}>
                    {(item) => <li class="flex gap-2">• {item}</li>}
                  </For>
                </ul>
              </section>
            </Show>
          }
        >
          <section aria-labelledby="inv-heading" class="card p-6">
            <h2 id="inv-heading" class="font-semibold">
              Invitations
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
          What you can do now
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
                      {a.title}
                      <ArrowRight size={16} class="opacity-0 transition-opacity group-hover:opacity-100" />
                    </span>
                    <span class="mt-1 block text-sm text-muted">{a.text}</span>
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
          <p class="mt-1 text-sm text-muted">{plural(c().total, 'member')} in total</p>
          <dl class="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3">
            <For each={TENANT_ROLES}>
              {(role) => (
                <div class={`rounded-lg border border-line px-4 py-3 ${count(role) ? '' : 'opacity-60'}`}>
                  <dt class="text-sm text-muted">{ROLE_PLURALS[role]}</dt>
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
      <p class="text-sm text-muted">
        {pending() === 1 ? 'invitation waiting to be accepted' : 'invitations waiting to be accepted'}
      </p>
      <A href={props.href} class="link mt-4 inline-flex items-center gap-1 text-sm">
        Review invitations
        <ArrowRight size={14} />
      </A>
    </Show>
  )
}
