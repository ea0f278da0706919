import { createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import type { Session } from '../../../../../edge/contract/tutoring.ts'
import { SESSION_LIMITS } from '../../../../../edge/contract/tutoring-values.ts'
import { getMembers } from '../../../api/queries.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, SwitchField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { getCourses } from '../../courses/api.ts'
import { createTutoringSession } from '../api.ts'
import { messages } from '../messages.ts'
import { createTutoringDraft, TUTORING_FIELDS } from '../tutoring-draft.ts'
import { canSchedule } from '../tutoring-roles.ts'
import { TutoringFields } from './TutoringFields.tsx'

const t = translator(messages)

/**
 * "New session": title, course, tutor (admins), date and time on the school's clock, duration,
 * one-to-one or a group, waiting room, weekly repeats. Checked with the contract first
 * (tutoring-draft.ts); the server's field errors appear next to their fields.
 */
export function NewTutoringForm(props: {
  timeZone: string
  onCreated: (sessions: Session[]) => void
  onCancel: () => void
}) {
  const tenant = useTenant()
  const { session } = useApp()
  const admin = () => isAdminRole(tenant().role)
  const courses = createAsync(() => getCourses(tenant().id).catch(() => []))
  const tutors = createAsync(async () =>
    admin() ? (await getMembers(tenant().id).catch(() => [])).filter((m) => canSchedule(m.role)) : [],
  )
  const draft = createTutoringDraft({ timeZone: props.timeZone, me: session.userId(), admin })
  const [tutorId, setTutorId] = draft.tutorId
  const [repeat, setRepeat] = draft.repeat
  const [weeks, setWeeks] = draft.weeks

  const form = createForm({
    fields: TUTORING_FIELDS,
    validate: draft.check,
    submit: async (body) => props.onCreated(await createTutoringSession(tenant().id, body)),
  })

  return (
    <form
      ref={form.ref}
      onSubmit={form.onSubmit}
      noValidate
      aria-labelledby="new-session-heading"
      class="card space-y-5 p-5 sm:p-6"
    >
      <h2 id="new-session-heading" class="text-lg font-semibold">
        {t('form.heading')}
      </h2>
      <TutoringFields
        draft={draft}
        errors={form.errors()}
        timeZone={props.timeZone}
        courses={courses() ?? []}
        beside={
          <Show when={admin()}>
            <SelectField
              label={t('form.tutor')}
              name="instructor_id"
              value={tutorId()}
              onValue={setTutorId}
              error={form.errors().instructor_id}
              options={(tutors() ?? []).map((m) => ({ value: m.user_id, label: m.display_name }))}
            />
          </Show>
        }
      />
      <div class="space-y-3">
        <SwitchField
          label={t('form.repeat')}
          checked={repeat()}
          onChange={setRepeat}
          description={t('form.repeatHint')}
        />
        <Show when={repeat()}>
          <TextField
            label={t('form.weeks')}
            name="repeat_weeks"
            type="number"
            min={2}
            max={SESSION_LIMITS.maxRepeatWeeks}
            class="max-w-40"
            value={weeks()}
            onValue={setWeeks}
            error={form.errors().repeat_weeks}
            description={t('form.weeksHint', { max: SESSION_LIMITS.maxRepeatWeeks })}
          />
        </Show>
      </div>
      <FormError form={form} />
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Button variant="secondary" onClick={() => props.onCancel()}>
          {t('form.cancel')}
        </Button>
        <Button type="submit" pending={form.pending()}>
          {t('form.submit')}
        </Button>
      </div>
    </form>
  )
}
