import { Match, Switch } from 'solid-js'
import { ADMIN_ROLES, inRoleGroup } from '../../../../edge/contract/roles.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import Dashboard from '../tenancy/Dashboard.tsx'
import { AdminHome } from './AdminHome.tsx'
import { ParentHome } from './ParentHome.tsx'
import { StaffHome } from './StaffHome.tsx'
import { StudentHome } from './StudentHome.tsx'
import { TeacherHome } from './TeacherHome.tsx'

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
    </Switch>
  )
}
