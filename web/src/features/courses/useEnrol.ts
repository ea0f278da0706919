import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'
import { toast } from '../../ui/Toaster.tsx'
import { getCourse, getCourses } from './api.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** Self-enrolment in a free course: the pending course id and the action (toasts either way). */
export function useEnrol() {
  const [pending, setPending] = createSignal<string>()
  async function enrol(course: { id: string; title: string }) {
    setPending(course.id)
    try {
      await api().post('/courses/:id/enrol', {}, { params: { id: course.id } })
      toast.success(t('enrol.done'), t('enrol.doneText', { title: course.title }))
      await revalidate([getCourses.key, getCourse.keyFor(course.id)])
      return true
    } catch (error) {
      toast.error(t('enrol.failed'), errorMessage(error))
      return false
    } finally {
      setPending()
    }
  }
  return { pending, enrol }
}
