import { revalidate } from '@solidjs/router'
import Camera from 'lucide-solid/icons/camera'
import X from 'lucide-solid/icons/x'
import { createSignal, For, Show, Suspense } from 'solid-js'
import { ASSIGNMENT_LIMITS, SUBMISSION_FILE_TYPES } from '../../../../../edge/contract/assessments-values.ts'
import type { Assignment } from '../../../../../edge/contract/assignments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { AttachButton } from '../../files/AttachButton.tsx'
import type { FileRef } from '../../files/AttachmentList.tsx'
import { formatBytes } from '../../files/file-size.ts'
import { attachPasted, createLazyDraft, LazyDraftAttachments } from '../../files/lazy-draft.ts'
import { getAssignment, getAssignments, submitAssignment } from '../api.ts'
import { messages } from '../messages.ts'
import type { SubmitMode } from '../status.ts'
import { checkSubmission, PHOTO_TYPES, SUBMISSION_FILE_BYTES, submissionFiles } from '../submit-form.ts'

const t = translator(messages)

/** A phone or tablet: there a "Take a photo" button opens the camera directly. */
const touchScreen = () => window.matchMedia?.('(pointer: coarse)').matches ?? false

/**
 * The student's submit form: text (when the assignment takes text) and files (when it takes files:
 * documents, or a photo of a handwritten page straight from the phone's camera), uploaded to their
 * own folder with the shared upload code. A resubmission starts from the last version.
 */
export function SubmitForm(props: {
  assignment: Assignment
  mode: Extract<SubmitMode, 'submit' | 'late' | 'resubmit'>
  tenantId: string
  userId: string
  onDone: () => void
}) {
  const a = () => props.assignment
  const last = a().my_submission
  const [text, setText] = createSignal(last?.body ?? '')
  const [kept, setKept] = createSignal<FileRef[]>(last?.files ?? [])
  const draft = createLazyDraft(() => submissionFiles(props.tenantId, a().id, props.userId, kept().length))
  const files = () => [...kept(), ...draft.files()]

  const form = createForm({
    fields: ['body', 'files'],
    validate: () =>
      checkSubmission(
        { text: text(), files: files(), allowText: a().allow_text, allowFiles: a().allow_files },
        {
          empty: a().allow_text ? t('submit.errEmpty') : t('submit.errNoFile'),
          tooLong: (max) => t('submit.errTooLong', { max }),
          tooMany: (max) => t('submit.errTooMany', { max }),
        },
      ),
    submit: async (body) => {
      if (draft.busy()) {
        form.setFormError(t('submit.uploading'))
        return false
      }
      const saved = await submitAssignment(a().id, body)
      draft.clear()
      toast.success(t('submit.done'), t('submit.doneText', { n: saved.version }))
      await revalidate([getAssignment.keyFor(a().id), getAssignments.keyFor(a().course_id)])
      props.onDone()
    },
  })

  /** Leaves without submitting: files uploaded for this attempt are deleted again. */
  function cancel() {
    const d = draft.draft()
    for (const f of d?.files() ?? []) d?.remove(f.path)
    props.onDone()
  }

  let photo: HTMLInputElement | undefined
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <Show when={props.mode === 'late'}>
        <FormAlert tone="warn">
          <p>
            {a().late_penalty_percent > 0
              ? t('submit.lateWarning', { percent: a().late_penalty_percent })
              : t('submit.lateWarningFree')}
          </p>
        </FormAlert>
      </Show>
      <Show when={a().allow_text}>
        <TextAreaField
          label={t('submit.text')}
          name="body"
          rows={8}
          value={text()}
          onValue={setText}
          onPaste={a().allow_files ? attachPasted(draft) : undefined}
          error={form.errors().body}
          maxLength={ASSIGNMENT_LIMITS.body}
        />
      </Show>
      <Show when={a().allow_files}>
        <fieldset aria-describedby="submit-files-hint">
          <legend class="mb-1.5 text-sm font-medium">{t('submit.files')}</legend>
          <Show when={kept().length > 0}>
            <ul class="mb-2 flex flex-wrap gap-2" aria-label={t('submit.keptFiles')}>
              <For each={kept()}>
                {(file) => (
                  <li class="inline-flex max-w-full items-center gap-1 rounded-full border border-line bg-surface py-0.5 pr-1 pl-3 text-xs">
                    <span class="truncate">{file.name}</span>
                    <button
                      type="button"
                      class="btn-ghost rounded-full p-1"
                      aria-label={t('submit.removeFile', { name: file.name })}
                      title={t('submit.removeFile', { name: file.name })}
                      onClick={() => setKept((list) => list.filter((f) => f.path !== file.path))}
                    >
                      <X size={12} aria-hidden="true" />
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
          <Show when={draft.draft()}>
            {(d) => (
              <Suspense>
                <LazyDraftAttachments draft={d()} />
              </Suspense>
            )}
          </Show>
          <div class="mt-2 flex flex-wrap items-center gap-2">
            <AttachButton
              accept={[...SUBMISSION_FILE_TYPES]}
              onFiles={(picked) => draft.add(picked)}
              disabled={files().length >= ASSIGNMENT_LIMITS.files}
            />
            <Show when={touchScreen()}>
              <button
                type="button"
                class="btn min-h-9 border border-line px-2.5 py-1.5 text-xs text-muted hover:bg-subtle"
                disabled={files().length >= ASSIGNMENT_LIMITS.files}
                onClick={() => photo?.click()}
              >
                <Camera size={15} aria-hidden="true" />
                {t('submit.photo')}
              </button>
              <input
                ref={photo}
                type="file"
                class="sr-only"
                tabIndex={-1}
                aria-hidden="true"
                accept={PHOTO_TYPES.join(',')}
                capture="environment"
                onChange={(e) => {
                  const picked = [...(e.currentTarget.files ?? [])]
                  e.currentTarget.value = ''
                  if (picked.length) draft.add(picked)
                }}
              />
            </Show>
          </div>
          <p id="submit-files-hint" class="mt-1.5 text-xs text-muted">
            {t('submit.filesHint', {
              size: formatBytes(SUBMISSION_FILE_BYTES),
              max: ASSIGNMENT_LIMITS.files,
            })}
          </p>
          <Show when={form.errors().files}>{(e) => <p class="mt-1.5 text-sm text-danger">{e()}</p>}</Show>
        </fieldset>
      </Show>
      <FormError form={form} />
      <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <Show when={props.mode === 'resubmit'}>
          <Button variant="secondary" onClick={cancel}>
            {t('submit.cancel')}
          </Button>
        </Show>
        <Button type="submit" pending={form.pending()} disabled={draft.busy()}>
          {props.mode === 'resubmit'
            ? t('submit.resubmit')
            : props.mode === 'late'
              ? t('submit.submitLate')
              : t('submit.submit')}
        </Button>
      </div>
    </form>
  )
}
