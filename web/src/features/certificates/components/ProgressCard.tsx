import { A, createAsync, revalidate } from '@solidjs/router'
import Award from 'lucide-solid/icons/award'
import GraduationCap from 'lucide-solid/icons/graduation-cap'
import { createSignal, Match, Show, Switch } from 'solid-js'
import type { CourseProgress } from '../../../../../edge/contract/certificates.ts'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { getProgress, issueCertificate } from '../api.ts'
import { barPercent, progressView, showsLessons } from '../certificates.ts'
import { messages } from '../messages.ts'
import { CertificateLinks } from './CertificateLinks.tsx'

const t = translator(messages)

/**
 * The course page's progress card. An enrolled student: their progress by the course's rules and,
 * once complete, "Get certificate" (then download and share). The course's teachers: the way to its
 * completion rules and certificates. Anyone else: nothing.
 */
export function ProgressCard(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const access = () => props.course.my_access
  const teacher = () =>
    !access().enrolled && (access().read_draft || access().manage || tenant().role === 'instructor')
  return (
    <Switch>
      <Match when={access().enrolled}>
        <section aria-labelledby="progress-heading" class="card p-5 sm:p-6">
          <h2 id="progress-heading" class="text-lg font-semibold">
            {t('progress.title')}
          </h2>
          <Boundary
            keys={getProgress.keyFor(props.course.id)}
            fallback={<Skeleton class="mt-4 h-16 w-full" />}
          >
            <StudentProgress course={props.course} />
          </Boundary>
        </section>
      </Match>
      <Match when={teacher()}>
        <A
          href={`/t/${tenant().slug}/courses/${props.course.id}/certificates`}
          class="card flex items-start gap-3 p-4 hover:bg-subtle/60"
        >
          <span class="rounded-lg bg-primary/10 p-2 text-primary" aria-hidden="true">
            <Award size={18} />
          </span>
          <span class="min-w-0">
            <span class="block font-semibold">{t('progress.teacherTitle')}</span>
            <span class="mt-1 block text-sm text-muted">{t('progress.teacherText')}</span>
          </span>
        </A>
      </Match>
    </Switch>
  )
}

function StudentProgress(props: { course: CourseDetail }) {
  const progress = createAsync(() => getProgress(props.course.id))
  return <Show when={progress()}>{(p) => <ProgressBody course={props.course} progress={p()} />}</Show>
}

function ProgressBody(props: { course: CourseDetail; progress: CourseProgress }) {
  const tenant = useTenant()
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const p = () => props.progress
  const view = () => progressView(p())

  async function get() {
    setPending(true)
    setError()
    try {
      await issueCertificate(props.course.id)
      await revalidate(getProgress.keyFor(props.course.id))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <div class="mt-3 space-y-4">
      <Show when={view() !== 'empty'} fallback={<p class="text-sm text-muted">{t('progress.nothingYet')}</p>}>
        <div>
          <div class="flex items-baseline justify-between gap-3 text-sm">
            <span class="font-medium">{t('progress.percent', { percent: barPercent(p().percent) })}</span>
          </div>
          <div
            role="progressbar"
            aria-label={t('progress.label', { title: props.course.title })}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={barPercent(p().percent)}
            class="mt-2 h-2.5 w-full overflow-hidden rounded-full bg-subtle"
          >
            <div class="h-full rounded-full bg-primary" style={{ width: `${barPercent(p().percent)}%` }} />
          </div>
          <ul class="mt-3 space-y-1 text-sm text-muted">
            <Show when={showsLessons(p())}>
              <li>{t('progress.lessons', { done: p().lessons_done, count: p().lessons_published })}</li>
            </Show>
            <Show when={p().assessments_total > 0}>
              <li>
                {t('progress.assessments', { done: p().assessments_passed, count: p().assessments_total })}
              </li>
              <li>{t('progress.passMark', { percent: p().rules.pass_percent })}</li>
            </Show>
          </ul>
        </div>
      </Show>
      <Switch>
        <Match when={view() === 'can_get'}>
          <p class="flex items-center gap-2 text-sm font-medium text-success">
            <GraduationCap size={18} aria-hidden="true" />
            {t('progress.complete')}
          </p>
          <Button pending={pending()} onClick={get}>
            <Award size={16} aria-hidden="true" />
            {pending() ? t('progress.getting') : t('progress.get')}
          </Button>
        </Match>
        <Match when={view() === 'complete'}>
          <p class="text-sm font-medium text-success">{t('progress.completeNoCertificate')}</p>
        </Match>
        <Match when={view() === 'certified' && p().certificate}>
          {(certificate) => (
            <div class="space-y-3">
              <FormAlert tone="success" title={t('progress.issued')}>
                <p>{t('progress.issuedText')}</p>
              </FormAlert>
              <CertificateLinks certificate={certificate()} primary />
            </div>
          )}
        </Match>
        <Match when={view() === 'revoked' && p().certificate}>
          {(certificate) => (
            <FormAlert tone="warn" title={t('progress.revokedTitle')}>
              <p>{t('progress.revokedText', { reason: certificate().revoked_reason ?? '' })}</p>
            </FormAlert>
          )}
        </Match>
      </Switch>
      <Show when={error()}>
        <FormAlert>
          <p>{error()}</p>
        </FormAlert>
      </Show>
      <Show when={p().certificate}>
        <A href={`/t/${tenant().slug}/certificates`} class="link inline-block text-sm">
          {t('progress.all')}
        </A>
      </Show>
    </div>
  )
}

/** The same, as the module's default: the course page loads it with the shortest lazy(). */
export default ProgressCard
