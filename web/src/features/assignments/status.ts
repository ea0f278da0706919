import type { Assignment } from '../../../../edge/contract/assignments.ts'

// Where an assignment stands for the person looking at it: before or after its due time and what the
// late policy then allows, the student's own status, and what the submit form may do now.

/** `none`: no due time; `open`: before it; after it, `late` (accepted with the penalty) or `closed`. */
export type DueState = 'none' | 'open' | 'late' | 'closed'

export function dueState(a: Pick<Assignment, 'due_at' | 'late_policy'>, now: number): DueState {
  if (!a.due_at) return 'none'
  if (now <= Date.parse(a.due_at)) return 'open'
  return a.late_policy === 'refuse' ? 'closed' : 'late'
}

/** A student's own status: graded once results are released (their grade is shown then). */
export type StudentStatus = 'not_submitted' | 'missing' | 'submitted' | 'graded'

type StudentView = Pick<Assignment, 'due_at' | 'late_policy' | 'my_submission'>

export function studentStatus(a: StudentView, now: number): StudentStatus {
  const mine = a.my_submission
  if (!mine) return dueState(a, now) === 'closed' ? 'missing' : 'not_submitted'
  return mine.grade ? 'graded' : 'submitted'
}

/**
 * What the submit form offers now: a first submission (`submit`, or `late` with the penalty after the
 * due time), `resubmit` until the due time, or nothing (`closed`: refused after the due time;
 * `done`: submitted and the due time passed, or the grade is out).
 */
export type SubmitMode = 'submit' | 'late' | 'resubmit' | 'closed' | 'done'

export function submitMode(a: StudentView, now: number): SubmitMode {
  const due = dueState(a, now)
  const mine = a.my_submission
  if (mine?.grade) return 'done'
  if (due === 'closed') return mine ? 'done' : 'closed'
  if (due === 'late') return mine ? 'done' : 'late'
  return mine ? 'resubmit' : 'submit'
}
