import { revalidate } from '@solidjs/router'
import X from 'lucide-solid/icons/x'
import { createSignal, For, Show } from 'solid-js'
import {
  COMPETENCIES,
  COMPETENCY_NAMES,
  type LogbookEntry,
  MAX_LOGBOOK_FILES,
} from '../../../../../edge/contract/logbook.ts'
import { checked } from '../../../lib/forms.ts'
import { locale, translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, SwitchField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { AttachButton } from '../../files/AttachButton.tsx'
import { createAttachmentDraft } from '../../files/attachment-draft.ts'
import { DraftAttachments } from '../../files/DraftAttachments.tsx'
import { forgetFiles } from '../../files/storage.ts'
import { createEntry, getLogbook, getLogbookStudents, updateEntry } from '../api.ts'
import {
  BODY_MAX,
  droppedFiles,
  entryBody,
  entryErrors,
  entryValues,
  TITLE_MAX,
  toggleCompetency,
} from '../entry-form.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

const ACCEPT = [
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]

/**
 * Writing an entry, or changing one: title, text, the lesson it is about, the CBC competencies used,
 * photos and files (uploaded into the student's folder of the course as they are picked), and
 * whether parents see it.
 */
export function EntryForm(props: {
  courseId: string
  tenantId: string
  studentId: string
  lessons: { id: string; title: string }[]
  entry?: LogbookEntry
  onDone: () => void
}) {
  const start = entryValues(props.entry)
  const [title, setTitle] = createSignal(start.title)
  const [body, setBody] = createSignal(start.body)
  const [lesson, setLesson] = createSignal(start.lesson_id)
  const [competencies, setCompetencies] = createSignal(start.competencies)
  const [shared, setShared] = createSignal(start.shared_with_guardians)
  const [kept, setKept] = createSignal(start.files)
  const draft = createAttachmentDraft(() => ({
    bucket: 'logbook-files',
    folder: `${props.tenantId}/${props.courseId}/${props.studentId}`,
    max: MAX_LOGBOOK_FILES - kept().length,
    maxBytes: 10 * 1024 * 1024,
    accept: ACCEPT,
  }))
  const values = () => ({
    title: title(),
    body: body(),
    lesson_id: lesson(),
    competencies: competencies(),
    shared_with_guardians: shared(),
    files: [...kept(), ...draft.files().map((f) => ({ path: f.path, name: f.name }))],
  })
  const form = createForm({
    fields: ['title', 'body', 'lesson_id', 'competencies', 'files'],
    validate: () => {
      const v = values()
      return checked(entryErrors(v, { titleNeeded: t('entry.titleNeeded'), tooLong: t('entry.tooLong') }), v)
    },
    submit: async (v) => {
      const request = entryBody(v)
      if (props.entry) await updateEntry(props.entry.id, request)
      else await createEntry(props.courseId, request)
      if (props.entry) forgetFiles(droppedFiles(start.files, v.files))
      draft.clear()
      toast.success(t('entry.saved'), request.title)
      await revalidate([getLogbook.key, getLogbookStudents.key])
      props.onDone()
    },
  })
  const cancel = () => {
    forgetFiles(draft.files().map((f) => f.path))
    draft.clear()
    props.onDone()
  }
  const lessonOptions = () => [
    { value: '', label: t('entry.noLesson') },
    ...props.lessons.map((l) => ({ value: l.id, label: l.title })),
  ]
  const heading = props.entry ? t('entry.editTitle') : t('logbook.new')
  return (
    <form
      ref={form.ref}
      onSubmit={form.onSubmit}
      noValidate
      class="card space-y-4 p-4 sm:p-5"
      aria-label={heading}
    >
      <h2 class="font-semibold">{heading}</h2>
      <TextField
        label={t('entry.title')}
        value={title()}
        onValue={setTitle}
        error={form.errors().title}
        maxLength={TITLE_MAX}
        required
      />
      <TextAreaField
        label={t('entry.body')}
        value={body()}
        onValue={setBody}
        error={form.errors().body}
        maxLength={BODY_MAX}
        rows={5}
      />
      <Show when={props.lessons.length > 0}>
        <SelectField
          label={t('entry.lesson')}
          value={lesson()}
          onValue={setLesson}
          options={lessonOptions()}
        />
      </Show>
      <fieldset>
        <legend class="mb-2 text-sm font-medium">{t('entry.competencies')}</legend>
        <div class="grid gap-2 sm:grid-cols-2">
          <For each={COMPETENCIES}>
            {(c) => (
              <label class="flex min-h-9 items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  class="size-4 accent-primary"
                  checked={competencies().includes(c)}
                  onChange={(e) =>
                    setCompetencies((list) => toggleCompetency(list, c, e.currentTarget.checked))
                  }
                />
                {COMPETENCY_NAMES[locale()][c]}
              </label>
            )}
          </For>
        </div>
      </fieldset>
      <div class="space-y-2">
        <p class="text-sm font-medium">{t('entry.files')}</p>
        <Show when={kept().length > 0}>
          <ul class="flex flex-wrap gap-2">
            <For each={kept()}>
              {(file) => (
                <li class="inline-flex max-w-full items-center gap-1 rounded-full border border-line bg-surface py-0.5 pr-1 pl-3 text-xs">
                  <span class="truncate">{file.name}</span>
                  <button
                    type="button"
                    class="btn-ghost rounded-full p-1"
                    aria-label={`${t('entry.delete')}: ${file.name}`}
                    onClick={() => setKept((list) => list.filter((f) => f.path !== file.path))}
                  >
                    <X size={12} aria-hidden="true" />
                  </button>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <DraftAttachments draft={draft} />
        <AttachButton
          accept={ACCEPT}
          onFiles={draft.add}
          disabled={kept().length + draft.files().length >= MAX_LOGBOOK_FILES}
        />
      </div>
      <SwitchField
        label={t('entry.share')}
        description={t('entry.shareHint')}
        checked={shared()}
        onChange={setShared}
      />
      <FormError form={form} />
      <div class="flex flex-wrap gap-2">
        <Button type="submit" pending={form.pending()} disabled={draft.uploads.items().length > 0}>
          {form.pending() ? t('entry.saving') : t('entry.save')}
        </Button>
        <Button variant="secondary" onClick={cancel}>
          {t('entry.cancel')}
        </Button>
      </div>
    </form>
  )
}
