import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Award from 'lucide-solid/icons/award'
import { createSignal, For, Show, Suspense } from 'solid-js'
import type { Certificate } from '../../../../edge/contract/certificates.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton, Skeleton } from '../../ui/Skeleton.tsx'
import { getCourse, getCourseCertificates } from './CourseCertificates.data.ts'
import { CertificateCard } from './components/CertificateCard.tsx'
import { RevokeDialog } from './components/RevokeDialog.tsx'
import { RulesCard } from './components/RulesCard.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * /t/:slug/courses/:courseId/certificates — the course's teachers: what completing it takes (its
 * editors change that) and the certificates its students earned, which editors and admins revoke.
 */
export default function CourseCertificates() {
  const params = useParams()
  const tenant = useTenant()
  const courseId = () => params.courseId ?? ''
  return (
    <div class="max-w-4xl space-y-6">
      <A
        href={`/t/${tenant().slug}/courses/${courseId()}`}
        class="link inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} />
        {t('course.back')}
      </A>
      <div>
        <h1 class="text-2xl font-bold tracking-tight">{t('course.title')}</h1>
        <Suspense fallback={<Skeleton class="mt-2 h-5 w-48" />}>
          <CourseName courseId={courseId()} />
        </Suspense>
        <p class="mt-1 text-sm text-muted">{t('course.intro')}</p>
      </div>
      <RulesCard courseId={courseId()} />
      <Boundary keys={getCourseCertificates.keyFor(courseId())} fallback={<ListSkeleton rows={3} />}>
        <List courseId={courseId()} />
      </Boundary>
    </div>
  )
}

/** The course's title under the heading and in the tab (nothing when it cannot be read). */
function CourseName(props: { courseId: string }) {
  const course = createAsync(() => getCourse(props.courseId).catch(() => undefined))
  usePageTitle(() => t('course.docTitle', { title: course()?.title ?? '' }))
  return <Show when={course()}>{(c) => <p class="mt-1 font-medium">{c().title}</p>}</Show>
}

function List(props: { courseId: string }) {
  const list = createAsync(() => getCourseCertificates(props.courseId))
  const [revoking, setRevoking] = createSignal<Certificate>()
  return (
    <Show when={list()}>
      {(l) => (
        <>
          <Show
            when={l().items.length > 0}
            fallback={
              <EmptyState icon={<Award size={28} />} title={t('course.emptyTitle')}>
                {t('course.emptyText')}
              </EmptyState>
            }
          >
            <ul class="space-y-3" aria-label={t('course.title')}>
              <For each={l().items}>
                {(c) => (
                  <CertificateCard
                    certificate={c}
                    showStudent
                    actions={
                      <Show when={c.can_revoke && !c.revoked_at}>
                        <Button
                          variant="ghost"
                          class="text-danger hover:bg-danger-soft"
                          onClick={() => setRevoking(c)}
                          aria-label={t('course.revokeLabel', { name: c.student_name })}
                        >
                          {t('course.revoke')}
                        </Button>
                      </Show>
                    }
                  />
                )}
              </For>
            </ul>
          </Show>
          <Show when={revoking()}>
            {(c) => (
              <RevokeDialog certificate={c()} open onOpenChange={(open) => !open && setRevoking(undefined)} />
            )}
          </Show>
        </>
      )}
    </Show>
  )
}
