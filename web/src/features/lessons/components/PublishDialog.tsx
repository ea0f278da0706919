import { revalidate } from '@solidjs/router'
import { createEffect, createSignal } from 'solid-js'
import { PublishBody } from '../../../../../edge/contract/courses.ts'
import { COURSE_LIMITS } from '../../../../../edge/contract/courses-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourse } from '../../courses/api.ts'
import { getLesson, getPublished, getVersions } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * Publishes the draft as the next numbered version, with an optional note. Waits until the last
 * local edit had time to reach the server (it persists updates within ~100 ms), so the version
 * holds what the author sees.
 */
export function PublishDialog(props: {
  lessonId: string
  courseId: string
  open: boolean
  onOpenChange: (open: boolean) => void
  /** When the draft last changed here (ms since the epoch). */
  lastLocalEdit: () => number
}) {
  const [note, setNote] = createSignal('')
  const [error, setError] = createSignal<string>()
  createEffect(() => {
    if (props.open) {
      setNote('')
      setError()
    }
  })
  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('publish.title')}
      description={t('publish.description')}
      submitLabel={t('publish')}
      onSubmit={async () => {
        const checked = PublishBody.safeParse({ note: note() })
        if (!checked.success) {
          setError(checked.error.issues[0]?.message)
          return false
        }
        const wait = 400 - (Date.now() - props.lastLocalEdit())
        if (wait > 0) await new Promise((r) => setTimeout(r, wait))
        const body = checked.data.note ? checked.data : {}
        const version = await api().post('/lessons/:id/publish', body, { params: { id: props.lessonId } })
        toast.success(t('publish.done', { version: version.version }), t('publish.doneText'))
        await revalidate([
          getVersions.keyFor(props.lessonId),
          getLesson.keyFor(props.lessonId),
          getPublished.keyFor(props.lessonId),
          getCourse.keyFor(props.courseId),
        ])
      }}
    >
      <TextAreaField
        label={t('publish.note')}
        value={note()}
        onValue={setNote}
        error={error()}
        maxLength={COURSE_LIMITS.note}
        rows={3}
        placeholder={t('publish.notePlaceholder')}
        description={t('publish.noteHint')}
        autofocus
      />
    </FormDialog>
  )
}
