import Plus from 'lucide-solid/icons/plus'
import Trash from 'lucide-solid/icons/trash'
import { For, Show } from 'solid-js'
import type { SetStoreFunction } from 'solid-js/store'
import { PROFILE_LIMITS } from '../../../../../edge/contract/profiles.ts'
import type { FieldErrors } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { messages } from '../messages.ts'
import type { Draft } from '../profile-draft.ts'

const t = translator(messages)

interface EditorProps {
  draft: Draft
  set: SetStoreFunction<Draft>
  errors: FieldErrors
}

const yearInput = { inputmode: 'numeric', maxlength: 4, class: 'w-full' } as const

function RemoveButton(props: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      class="btn-ghost min-h-10 px-3 text-danger"
      aria-label={props.label}
      onClick={props.onClick}
    >
      <Trash size={16} aria-hidden="true" />
    </button>
  )
}

/** A teacher's qualifications: title, institution, year. */
export function QualificationsEditor(props: EditorProps) {
  const without = (i: number) => props.set('qualifications', (l) => l.filter((_, j) => j !== i))
  return (
    <fieldset class="space-y-3">
      <legend class="text-sm font-semibold">{t('teaching.qualifications')}</legend>
      <Show when={props.draft.qualifications.length === 0}>
        <p class="text-sm text-muted">{t('teaching.noQualifications')}</p>
      </Show>
      <For each={props.draft.qualifications}>
        {(q, i) => (
          <div
            role="group"
            aria-label={t('teaching.qualification', { n: i() + 1 })}
            class="grid grid-cols-1 items-start gap-2 rounded-lg border border-line p-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,2fr)_6rem_auto]"
          >
            <TextField
              label={t('teaching.qualification', { n: i() + 1 })}
              value={q.title}
              maxlength={PROFILE_LIMITS.entryTitle}
              onValue={(v) => props.set('qualifications', i(), 'title', v)}
              error={props.errors[`qualifications.${i()}.title`]}
            />
            <TextField
              label={t('teaching.institution')}
              value={q.institution}
              maxlength={PROFILE_LIMITS.entryTitle}
              onValue={(v) => props.set('qualifications', i(), 'institution', v)}
              error={props.errors[`qualifications.${i()}.institution`]}
            />
            <TextField
              label={t('teaching.year')}
              value={q.year}
              {...yearInput}
              onValue={(v) => props.set('qualifications', i(), 'year', v)}
              error={props.errors[`qualifications.${i()}.year`]}
            />
            <div class="sm:pt-7">
              <RemoveButton
                label={t('teaching.removeQualification', { n: i() + 1 })}
                onClick={() => without(i())}
              />
            </div>
          </div>
        )}
      </For>
      <Show when={props.draft.qualifications.length < PROFILE_LIMITS.entries}>
        <button
          type="button"
          class="btn-secondary"
          onClick={() => props.set('qualifications', (l) => [...l, { title: '', institution: '', year: '' }])}
        >
          <Plus size={16} aria-hidden="true" />
          {t('teaching.addQualification')}
        </button>
      </Show>
    </fieldset>
  )
}

const emptyExperience = { role: '', organisation: '', start_year: '', end_year: '', description: '' }

/** A teacher's professional experience: role, organisation, years, what they did. */
export function ExperienceEditor(props: EditorProps) {
  const without = (i: number) => props.set('experience', (l) => l.filter((_, j) => j !== i))
  return (
    <fieldset class="space-y-3">
      <legend class="text-sm font-semibold">{t('teaching.experience')}</legend>
      <Show when={props.draft.experience.length === 0}>
        <p class="text-sm text-muted">{t('teaching.noExperience')}</p>
      </Show>
      <For each={props.draft.experience}>
        {(e, i) => (
          <div
            role="group"
            aria-label={t('teaching.role', { n: i() + 1 })}
            class="space-y-2 rounded-lg border border-line p-3"
          >
            <div class="grid grid-cols-1 items-start gap-2 sm:grid-cols-[minmax(0,1fr)_minmax(0,1fr)_6rem_6rem_auto]">
              <TextField
                label={t('teaching.role', { n: i() + 1 })}
                value={e.role}
                maxlength={PROFILE_LIMITS.entryTitle}
                onValue={(v) => props.set('experience', i(), 'role', v)}
                error={props.errors[`experience.${i()}.role`]}
              />
              <TextField
                label={t('teaching.organisation')}
                value={e.organisation}
                maxlength={PROFILE_LIMITS.entryTitle}
                onValue={(v) => props.set('experience', i(), 'organisation', v)}
                error={props.errors[`experience.${i()}.organisation`]}
              />
              <TextField
                label={t('teaching.from')}
                value={e.start_year}
                {...yearInput}
                onValue={(v) => props.set('experience', i(), 'start_year', v)}
                error={props.errors[`experience.${i()}.start_year`]}
              />
              <TextField
                label={t('teaching.to')}
                value={e.end_year}
                {...yearInput}
                onValue={(v) => props.set('experience', i(), 'end_year', v)}
                error={props.errors[`experience.${i()}.end_year`]}
              />
              <div class="sm:pt-7">
                <RemoveButton
                  label={t('teaching.removeExperience', { n: i() + 1 })}
                  onClick={() => without(i())}
                />
              </div>
            </div>
            <TextAreaField
              label={t('teaching.description')}
              value={e.description}
              maxlength={PROFILE_LIMITS.entryText}
              onValue={(v) => props.set('experience', i(), 'description', v)}
              error={props.errors[`experience.${i()}.description`]}
            />
          </div>
        )}
      </For>
      <Show when={props.draft.experience.length < PROFILE_LIMITS.entries}>
        <button
          type="button"
          class="btn-secondary"
          onClick={() => props.set('experience', (l) => [...l, { ...emptyExperience }])}
        >
          <Plus size={16} aria-hidden="true" />
          {t('teaching.addExperience')}
        </button>
      </Show>
    </fieldset>
  )
}
