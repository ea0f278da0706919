import { revalidate } from '@solidjs/router'
import { createSignal } from 'solid-js'
import type { Session } from '../../../../edge/contract/tutoring.ts'
import { errorMessage } from '../../api/errors.ts'
import { toast } from '../../ui/Toaster.tsx'
import { bookTutoringSession, cancelBooking, getTutoringSession, getTutoringSessions } from './api.ts'

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
    book: (s: Session) => run(s, () => bookTutoringSession(s.id), 'Seat booked', 'Could not book a seat'),
    cancel: (s: Session) =>
      run(s, () => cancelBooking(s.id), 'Booking cancelled', 'Could not cancel the booking'),
  }
}
