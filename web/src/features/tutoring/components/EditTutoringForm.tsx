import { createAsync } from '@solidjs/router'
import Info from 'lucide-solid/icons/info'
import { onMount, Show } from 'solid-js'
import type { SessionDetail, UpdateSessionBody } from '../../../../../edge/contract/tutoring.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { getCourses } from '../../courses/api.ts'
import { updateTutoringSession } from '../api.ts'
import { messages } from '../messages.ts'
import { reschedules } from '../tutoring-changes.ts'
import { createTutoringDraft } from '../tutoring-draft.ts'
import { TutoringFields } from './TutoringFields.tsx'

const t = translator(messages)

/** The fields the edit form shows (the API's field errors land next to these). */
const EDIT_FIELDS = [
  'title',
  'description',
  'course_id',
  'starts_at',
  'duration_minutes',
  'capacity',
  'waiting_room',
] as const

/**
 * "Edit session" (its tutor and the school's admins): the fields of "New session" filled in with
 * the session's; only what changed is sent. A new start or length is told to the booked students
 * (by the server), and the form says so before saving.
 */
export function EditTutoringForm(props: {
  session: SessionDetail
  onSaved: (changes: UpdateSessionBody) => void
  onCancel: () => void
}) {
  const tenant = useTenant()
  const { session: auth } = useApp()
  const courses = createAsync(() => getCourses(tenant().id).catch(() => []))
  const draft = createTutoringDraft({
    timeZone: props.session.time_zone,
    me: auth.userId(),
    admin: () => false,
    initial: props.session,
  })
  const form = createForm({
    fields: EDIT_FIELDS,
    validate: draft.checkChanges,
    submit: async (changes) => {
      if (Object.keys(changes).length > 0) await updateTutoringSession(props.session.id, changes)
      props.onSaved(changes)
    },
  })
  const tellsStudents = () => props.session.booked_count > 0 && reschedules(draft.changes())
  let heading: HTMLHeadingElement | undefined
  onMount(() => heading?.focus())

  return (
    <form
      ref={form.ref}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby="edit-session-heading"
      class="card space-y-5 p-5 sm:p-6"
    >
      <h2 id="edit-session-heading" ref={heading} tabIndex={-1} class="text-lg font-semibold outline-none">
        {t('edit.heading')}
      </h2>
      <TutoringFields
        draft={draft}
        errors={form.errors()}
        timeZone={props.session.time_zone}
        courses={courses() ?? []}
      />
      <Show when={tellsStudents()}>
        <p class="flex gap-2 rounded-lg bg-subtle px-3 py-2 text-sm" role="status">
          <Info size={16} class="mt-0.5 shrink-0" aria-hidden="true" />
          {t('edit.willTell', { count: props.session.booked_count })}
        </p>
      </Show>
      <FormError form={form} />
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={() => props.onCancel()}>
          {t('edit.close')}
        </Button>
        <Button type="submit" pending={form.pending()}>
          {t('edit.submit')}
        </Button>
      </div>
    </form>
  )
}
