import { revalidate } from '@solidjs/router'
import { createEffect, createSignal } from 'solid-js'
import { COURSE_LIMITS, PublishBody } from '../../../../../edge/contract/courses.ts'
import { api } from '../../../lib/runtime.ts'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getCourse } from '../../courses/api.ts'
import { getLesson, getPublished, getVersions } from '../api.ts'

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
      title="Publish this lesson"
      description="Students enrolled in the course will read this version. The draft stays open for editing."
      submitLabel="Publish"
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
        toast.success(`Published version ${version.version}`, 'Enrolled students see it now.')
        await revalidate([
          getVersions.keyFor(props.lessonId),
          getLesson.keyFor(props.lessonId),
          getPublished.keyFor(props.lessonId),
          getCourse.keyFor(props.courseId),
        ])
      }}
    >
      <TextAreaField
        label="Note (optional)"
        value={note()}
        onValue={setNote}
        error={error()}
        maxLength={COURSE_LIMITS.note}
        rows={3}
        placeholder="What changed, e.g. Added worked examples"
        description="Shown in the version history."
        autofocus
      />
    </FormDialog>
  )
}
