import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import type { Session } from '../../../../edge/contract/tutoring.ts'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { toast } from '../../ui/Toaster.tsx'
import { bookTutoringSession, cancelBooking, getTutoringSession, getTutoringSessions } from './api.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** Book a seat or give it back, with the outcome as a toast and the schedule reloaded. */
export function useBooking() {
  const [pending, setPending] = createSignal<string>()

  async function run(session: Session, action: () => Promise<void>, done: string, failed: string) {
    setPending(session.id)
    try {
      await action()
      toast.success(done, session.title)
      await revalidate([getTutoringSessions.key, getTutoringSession.keyFor(session.id)])
    } catch (error) {
      toast.error(failed, errorMessage(error))
      // The seat count may have changed under us (full, cut-off passed): show what is true now.
      await revalidate([getTutoringSessions.key, getTutoringSession.keyFor(session.id)])
    } finally {
      setPending()
    }
  }

  return {
    pending,
    book: (s: Session) =>
      run(s, () => bookTutoringSession(s.id), t('booking.booked'), t('booking.bookFailed')),
    cancel: (s: Session) =>
      run(s, () => cancelBooking(s.id), t('booking.cancelled'), t('booking.cancelFailed')),
  }
}
