import { A, revalidate, useNavigate } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Lock from 'lucide-solid/icons/lock'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { getCourses } from './api.ts'
import { CourseForm } from './components/CourseForm.tsx'
import { canCreateCourses } from './course-roles.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/courses/new — instructors and admins create a course, then land on it to add lessons. */
export default function CourseNew() {
  const tenant = useTenant()
  const navigate = useNavigate()
  usePageTitle(() => t('new.docTitle', { school: tenant().name }))
  const back = () => `/t/${tenant().slug}/courses`
  return (
    <div class="max-w-3xl">
      <A href={back()} class="link mb-4 inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        {t('allCourses')}
      </A>
      <h1 class="text-2xl font-bold tracking-tight">{t('new.title')}</h1>
      <p class="mt-1 mb-6 text-sm text-muted">{t('new.intro')}</p>
      <Show
        when={canCreateCourses(tenant().role)}
        fallback={
          <EmptyState icon={<Lock size={28} />} title={t('new.forbidden')}>
            {t('new.forbiddenText', { school: tenant().name })}
          </EmptyState>
        }
      >
        <CourseForm
          submitLabel={t('new.submit')}
          onCancel={() => navigate(back())}
          onSubmit={async (values) => {
            const course = await api().post('/tenants/:tenantId/courses', values, {
              params: { tenantId: tenant().id },
            })
            toast.success(t('new.created'), t('new.createdText', { title: course.title }))
            void revalidate(getCourses.keyFor(tenant().id))
            navigate(`/t/${tenant().slug}/courses/${course.id}`)
          }}
        />
      </Show>
    </div>
  )
}
