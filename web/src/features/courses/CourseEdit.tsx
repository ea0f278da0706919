import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Lock from 'lucide-solid/icons/lock'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { CoursePriceForm } from '../payments/links/price/CoursePriceForm.tsx'
import { CourseTutorMode } from '../tutor/links/CourseTutorMode.tsx'
import { getCourses } from './api.ts'
import { getCourse } from './Course.data.ts'
import { CourseForm } from './components/CourseForm.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/courses/:courseId/edit — managers change the course's details. */
export default function CourseEdit() {
  const params = useParams()
  return (
    <Boundary keys={getCourse.keyFor(params.courseId ?? '')}>
      <Editor courseId={params.courseId ?? ''} />
    </Boundary>
  )
}

function Editor(props: { courseId: string }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const course = createAsync(() => getCourse(props.courseId))
  usePageTitle(() => {
    const title = course()?.title
    return title ? t('edit.docTitle', { title }) : t('edit.docTitleLoading')
  })
  const back = () => `/t/${tenant().slug}/courses/${props.courseId}`
  return (
    <Show when={course()}>
      {(c) => (
        <div class="max-w-3xl">
          <A href={back()} class="link mb-4 inline-flex items-center gap-1 text-sm">
            <ArrowLeft size={14} />
            {c().title}
          </A>
          <h1 class="text-2xl font-bold tracking-tight">{t('edit.title')}</h1>
          <p class="mt-1 mb-6 text-sm text-muted">{t('edit.intro')}</p>
          <Show
            when={c().my_access.manage}
            fallback={
              <EmptyState icon={<Lock size={28} />} title={t('edit.forbidden')}>
                {t('edit.forbiddenText', { title: c().title })}
              </EmptyState>
            }
          >
            <CourseForm
              initial={c()}
              submitLabel={t('edit.submit')}
              onCancel={() => navigate(back())}
              onSubmit={async (values) => {
                await api().patch('/courses/:id', values, { params: { id: props.courseId } })
                toast.success(t('edit.saved'))
                await revalidate([getCourse.keyFor(props.courseId), getCourses.keyFor(tenant().id)])
                navigate(back())
              }}
            />
            <CoursePriceForm
              courseId={props.courseId}
              onSaved={() => revalidate([getCourse.keyFor(props.courseId), getCourses.keyFor(tenant().id)])}
            />
            <CourseTutorMode courseId={props.courseId} />
          </Show>
        </div>
      )}
    </Show>
  )
}
