import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { bookClass, getClasses } from '../../classes/api.ts'
import { getTutoringSession, getTutoringSessions } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The tutor chooses one of the school's classes and books all its students into the session. */
export default function BookClass(props: { tenantId: string; sessionId: string }) {
  const classes = createAsync(() => getClasses(props.tenantId))
  const [chosen, setChosen] = createSignal('')
  const [result, setResult] = createSignal<{ booked: number; already: number }>()
  const form = createForm({
    fields: ['class_id'],
    validate: () =>
      chosen()
        ? { ok: true as const, data: chosen() }
        : { ok: false as const, errors: { class_id: t('bookClass.choose') } },
    submit: async (classId: string) => {
      setResult(await bookClass(classId, props.sessionId))
      toast.success(t('bookClass.done'))
      await revalidate([getTutoringSession.keyFor(props.sessionId), getTutoringSessions.key])
    },
  })
  const options = () => [
    { value: '', label: t('bookClass.choose') },
    ...(classes() ?? []).map((c) => ({ value: c.id, label: c.name })),
  ]
  return (
    <Show when={classes()}>
      <Show
        when={(classes() ?? []).length > 0}
        fallback={<p class="mt-4 text-sm text-muted">{t('bookClass.none')}</p>}
      >
        <form
          ref={form.ref}
          onSubmit={form.onSubmit}
          noValidate
          class="mt-4 grid grid-cols-1 gap-3 border-t border-line pt-4 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-end"
        >
          <SelectField
            label={t('bookClass.label')}
            name="class_id"
            value={chosen()}
            onValue={setChosen}
            options={options()}
            error={form.errors().class_id}
          />
          <Button type="submit" variant="secondary" pending={form.pending()}>
            {t('bookClass.submit')}
          </Button>
        </form>
        <FormError form={form} class="mt-3" />
        <Show when={result()}>
          {(r) => (
            <p class="mt-3 text-sm" role="status">
              {t('bookClass.result', { booked: r().booked, already: r().already })}
            </p>
          )}
        </Show>
      </Show>
    </Show>
  )
}
