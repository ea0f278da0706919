import { A, revalidate, useNavigate } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Lock from 'lucide-solid/icons/lock'
import { Show } from 'solid-js'
import { api } from '../../lib/runtime.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { getCourses } from './api.ts'
import { CourseForm } from './components/CourseForm.tsx'
import { canCreateCourses } from './course-roles.ts'

/** /t/:slug/courses/new — instructors and admins create a course, then land on it to add lessons. */
export default function CourseNew() {
  const tenant = useTenant()
  const navigate = useNavigate()
  usePageTitle(() => `New course · ${tenant().name}`)
  const back = () => `/t/${tenant().slug}/courses`
  return (
    <div class="max-w-3xl">
      <A href={back()} class="link mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        All courses
      </A>
      <h1 class="text-2xl font-bold tracking-tight">New course</h1>
      <p class="mt-1 mb-6 text-sm text-muted">
        You become its first editor. Add modules, lessons and co-authors on the next page.
      </p>
      <Show
        when={canCreateCourses(tenant().role)}
        fallback={
          <EmptyState icon={<Lock size={28} />} title="Only instructors and admins create courses">
            Ask an instructor of {tenant().name} to add you as a co-author instead.
          </EmptyState>
        }
      >
        <CourseForm
          submitLabel="Create course"
          onCancel={() => navigate(back())}
          onSubmit={async (values) => {
            const course = await api().post('/tenants/:tenantId/courses', values, {
              params: { tenantId: tenant().id },
            })
            toast.success('Course created', `“${course.title}” is ready for its first lesson.`)
            void revalidate(getCourses.keyFor(tenant().id))
            navigate(`/t/${tenant().slug}/courses/${course.id}`)
          }}
        />
      </Show>
    </div>
  )
}
