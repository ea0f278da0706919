import { lazy, Match, Switch } from 'solid-js'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { StudentHome } from './StudentHome.tsx'

// Students are most people (and on the slowest phones): their home comes with this page; the
// other roles' homes load on their own, so nobody downloads the homes of the roles they are not.
const ParentHome = lazy(() => import('./ParentHome.tsx').then((m) => ({ default: m.ParentHome })))
const TeacherHome = lazy(() => import('./TeacherHome.tsx').then((m) => ({ default: m.TeacherHome })))
const StaffHome = lazy(() => import('./StaffHome.tsx').then((m) => ({ default: m.StaffHome })))
const AdminHome = lazy(() => import('./AdminHome.tsx').then((m) => ({ default: m.AdminHome })))
const PartnerHome = lazy(() => import('./PartnerHome.tsx').then((m) => ({ default: m.PartnerHome })))
const Dashboard = lazy(() => import('../tenancy/Dashboard.tsx'))

/**
 * /t/:slug — what this person does next in the school, by role; a platform admin who is not a
 * member sees the school's dashboard.
 */
export default function Home() {
  const tenant = useTenant()
  const role = () => tenant().role
  return (
    <Switch fallback={<Dashboard />}>
      <Match when={role() === 'student'}>
        <StudentHome />
      </Match>
      <Match when={role() === 'parent'}>
        <ParentHome />
      </Match>
      <Match when={role() === 'instructor'}>
        <TeacherHome />
      </Match>
      <Match when={role() === 'staff'}>
        <StaffHome />
      </Match>
      <Match when={inRoleGroup(ADMIN_ROLES, role())}>
        <AdminHome />
      </Match>
      <Match when={role() === 'partner'}>
        <PartnerHome />
      </Match>
    </Switch>
  )
}
