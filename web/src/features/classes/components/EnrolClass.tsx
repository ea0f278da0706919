import { createAsync } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourses } from '../../courses/api.ts'
import { enrolClass } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Chooses one of the school's courses and enrols every student of the class in it. */
export function EnrolClass(props: { tenantId: string; classId: string; onEnrolled: () => Promise<unknown> }) {
  const courses = createAsync(() => getCourses(props.tenantId))
  const [course, setCourse] = createSignal('')
  const [result, setResult] = createSignal<{ enrolled: number; already: number }>()
  const form = createForm({
    fields: ['course_id'],
    validate: () =>
      course()
        ? { ok: true as const, data: course() }
        : { ok: false as const, errors: { course_id: t('class.chooseCourse') } },
    submit: async (courseId: string) => {
      const done = await enrolClass(props.classId, courseId)
      setResult(done)
      toast.success(t('class.enrolled'))
      await props.onEnrolled()
    },
  })
  const options = () => [
    { value: '', label: t('class.chooseCourse') },
    ...(courses() ?? []).map((c) => ({ value: c.id, label: c.title })),
  ]
  return (
    <Show when={courses()} fallback={null}>
      <Show
        when={(courses() ?? []).length > 0}
        fallback={<p class="text-sm text-muted">{t('class.noCourses')}</p>}
      >
        <form
          ref={form.ref}
          onSubmit={form.onSubmit}
          noValidate
          class="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end"
        >
          <SelectField
            label={t('class.course')}
            name="course_id"
            value={course()}
            onValue={setCourse}
            options={options()}
            error={form.errors().course_id}
          />
          <Button type="submit" pending={form.pending()}>
            {t('class.enrol')}
          </Button>
        </form>
        <FormError form={form} class="mt-3" />
        <Show when={result()}>
          {(r) => (
            <p class="mt-3 text-sm" role="status">
              {t('class.enrolledText', { enrolled: r().enrolled, already: r().already })}
            </p>
          )}
        </Show>
      </Show>
    </Show>
  )
}
