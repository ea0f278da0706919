import { Show } from 'solid-js'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import Dashboard from '../tenancy/Dashboard.tsx'
import { StudentHome } from './StudentHome.tsx'

/** /t/:slug — what this person does next in the school: a student's own home, or the school's dashboard. */
export default function Home() {
  const tenant = useTenant()
  return (
    <Show when={tenant().role === 'student'} fallback={<Dashboard />}>
      <StudentHome />
    </Show>
  )
}
