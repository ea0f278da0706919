import { createAsync, revalidate } from '@solidjs/router'
import GraduationCap from 'lucide-solid/icons/graduation-cap'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { CourseDetail, Enrolment } from '../../../../../edge/contract/courses.ts'
import { getMembers } from '../../../api/queries.ts'
import { formatDate, personName } from '../../../lib/format.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Avatar } from '../../../ui/Avatar.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { ListSkeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourse, getCourses, getEnrolments } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Students enrolled in a course; teachers enrol students of the school and remove them. */
export function EnrolmentsPanel(props: { course: CourseDetail }) {
  return (
    <section aria-labelledby="enrolments-heading" class="card p-5">
      <h2 id="enrolments-heading" class="font-semibold">
        {t('enrolments.title')}
      </h2>
      <p class="mt-1 text-sm text-muted">
        {t('enrolments.intro')}
        {props.course.is_free ? ` ${t('enrolments.introFree')}` : ''}
      </p>
      <Boundary
        keys={[getEnrolments.keyFor(props.course.id), getMembers.key]}
        fallback={<ListSkeleton rows={2} />}
      >
        <Enrolments course={props.course} />
      </Boundary>
    </section>
  )
}

function Enrolments(props: { course: CourseDetail }) {
  const tenant = useTenant()
  const enrolments = createAsync(() => getEnrolments(props.course.id))
  const members = createAsync(() => getMembers(tenant().id))
  const id = createUniqueId()
  const [who, setWho] = createSignal('')
  const [removing, setRemoving] = createSignal<Enrolment>()
  const nameOf = personName
  const candidates = () =>
    (members() ?? [])
      .filter((m) => m.role === 'student' && !(enrolments() ?? []).some((e) => e.user_id === m.user_id))
      .sort((a, b) => nameOf(a).localeCompare(nameOf(b), intlLocale()))
  const refresh = () =>
    revalidate([getEnrolments.keyFor(props.course.id), getCourse.keyFor(props.course.id), getCourses.key])

  const form = createForm({
    submit: async () => {
      const student = candidates().find((m) => m.user_id === who())
      if (!student) return false
      await api().post(
        '/courses/:id/enrolments',
        { user_id: student.user_id },
        { params: { id: props.course.id } },
      )
      toast.success(
        t('enrolments.enrolled'),
        t('enrolments.enrolledText', { name: nameOf(student), title: props.course.title }),
      )
      setWho('')
      await refresh()
    },
  })

  async function unenrol(e: Enrolment) {
    await api().delete('/courses/:id/enrolments/:userId', {
      params: { id: props.course.id, userId: e.user_id },
    })
    toast.success(t('enrolments.removed'), t('enrolments.removedText', { name: nameOf(e) }))
    await refresh()
  }

  return (
    <Show when={enrolments()}>
      {(list) => (
        <>
          <Show
            when={list().length > 0}
            fallback={
              <p class="mt-4 flex items-center gap-2 text-sm text-muted">
                <GraduationCap size={16} />
                {t('enrolments.none')}
              </p>
            }
          >
            <p class="mt-4 text-sm text-muted">{t('enrolments.count', { count: list().length })}</p>
            <ul class="mt-2 max-h-80 space-y-3 overflow-y-auto">
              <For each={list()}>
                {(e) => (
                  <li class="flex items-center gap-3">
                    <Avatar userId={e.user_id} name={nameOf(e)} />
                    <span class="min-w-0 flex-1">
                      <span class="block truncate text-sm font-medium">{nameOf(e)}</span>
                      <span class="block truncate text-xs text-muted">
                        {t('enrolments.since', { date: formatDate(e.created_at) })}
                      </span>
                    </span>
                    <button
                      type="button"
                      class="btn-ghost min-h-9 px-2 py-1 text-sm text-danger hover:bg-danger-soft"
                      aria-label={t('enrolments.unenrol', { name: nameOf(e) })}
                      onClick={() => setRemoving(e)}
                    >
                      {t('remove')}
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <FormError form={form} class="mt-3" />
          <Show
            when={candidates().length > 0}
            fallback={
              <Show when={members()}>
                <p class="mt-5 border-t border-line pt-4 text-sm text-muted">{t('enrolments.allEnrolled')}</p>
              </Show>
            }
          >
            <form ref={form.ref} class="mt-5 space-y-3 border-t border-line pt-4" onSubmit={form.onSubmit}>
              <div>
                <label for={id} class="mb-1.5 block text-sm font-medium">
                  {t('enrolments.addLabel')}
                </label>
                <select id={id} class="input" value={who()} onChange={(e) => setWho(e.currentTarget.value)}>
                  <option value="" selected={who() === ''}>
                    {t('enrolments.choose')}
                  </option>
                  <For each={candidates()}>
                    {(m) => (
                      <option value={m.user_id} selected={who() === m.user_id}>
                        {m.email ? `${nameOf(m)} · ${m.email}` : nameOf(m)}
                      </option>
                    )}
                  </For>
                </select>
              </div>
              <Button
                type="submit"
                variant="secondary"
                class="w-full"
                disabled={!who()}
                pending={form.pending()}
              >
                {t('enrolments.add')}
              </Button>
            </form>
          </Show>
          <ConfirmDialog
            open={removing() !== undefined}
            onOpenChange={(open) => !open && setRemoving()}
            title={t('enrolments.removeTitle')}
            confirmLabel={t('enrolments.removeConfirm')}
            danger
            onConfirm={() => unenrol(removing()!)}
          >
            <p>
              {t('enrolments.removeText', {
                name: removing() ? nameOf(removing()!) : '',
                title: props.course.title,
              })}
            </p>
          </ConfirmDialog>
        </>
      )}
    </Show>
  )
}
