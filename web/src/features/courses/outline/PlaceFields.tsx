import { createAsync } from '@solidjs/router'
import { Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { getCourse } from '../api.ts'
import { messages } from './assessment-messages.ts'
import { moduleOptions } from './outline-place.ts'

const t = translator(messages)

/**
 * The settings forms' (quiz, assignment) choice of where it sits in the course outline: a module of
 * the course or none, and its order among the module's quizzes and assignments.
 */
export function PlaceFields(props: {
  courseId: string
  moduleId: string
  position: string
  onModule: (id: string) => void
  onPosition: (text: string) => void
  errors: { module_id?: string; position?: string }
}) {
  const course = createAsync(() => getCourse(props.courseId).catch(() => null))
  const options = () => {
    const list = moduleOptions(course()?.modules ?? [], t('place.none'), (number, title) =>
      t('place.numbered', { number, title }),
    )
    // The chosen module stays offered while the list is loading or cannot be read.
    return props.moduleId && !list.some((o) => o.value === props.moduleId)
      ? [...list, { value: props.moduleId, label: t('place.module') }]
      : list
  }
  return (
    <fieldset class="space-y-3">
      <legend class="mb-1.5 text-sm font-medium">{t('place.legend')}</legend>
      <div class="grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <SelectField
          label={t('place.module')}
          name="module_id"
          value={props.moduleId}
          onValue={props.onModule}
          options={options()}
          error={props.errors.module_id}
          description={course() === null ? t('place.modulesUnavailable') : undefined}
        />
        <Show when={props.moduleId}>
          <TextField
            label={t('place.position')}
            name="position"
            inputMode="numeric"
            value={props.position}
            onValue={props.onPosition}
            error={props.errors.position}
            description={t('place.positionHint')}
          />
        </Show>
      </div>
    </fieldset>
  )
}
