import { describe, expect, it } from 'vitest'
import type { Assignment, Submission } from '../../../../edge/contract/assignments.ts'
import { dueState, studentStatus, submitMode } from './status.ts'

const due = '2026-12-10T12:00:00Z'
const before = Date.parse(due) - 60_000
const after = Date.parse(due) + 60_000
const submission = { id: 's', grade: null } as unknown as Submission
const graded = { id: 's', grade: { points: 8 } } as unknown as Submission

const view = (
  late_policy: Assignment['late_policy'],
  my_submission: Submission | null = null,
  due_at: string | null = due,
) => ({ due_at, late_policy, my_submission })

describe('the due time', () => {
  it.each([
    { a: view('accept', null, null), now: after, state: 'none' },
    { a: view('refuse'), now: before, state: 'open' },
    { a: view('refuse'), now: Date.parse(due), state: 'open' },
    { a: view('accept'), now: after, state: 'late' },
    { a: view('refuse'), now: after, state: 'closed' },
  ])('$a.late_policy at $now: $state', ({ a, now, state }) => {
    expect(dueState(a, now)).toBe(state)
  })
})

describe("the student's status and form", () => {
  it.each([
    { a: view('accept'), now: before, status: 'not_submitted', mode: 'submit' },
    { a: view('accept'), now: after, status: 'not_submitted', mode: 'late' },
    { a: view('refuse'), now: after, status: 'missing', mode: 'closed' },
    { a: view('accept', submission), now: before, status: 'submitted', mode: 'resubmit' },
    { a: view('accept', submission, null), now: after, status: 'submitted', mode: 'resubmit' },
    { a: view('accept', submission), now: after, status: 'submitted', mode: 'done' },
    { a: view('refuse', submission), now: after, status: 'submitted', mode: 'done' },
    { a: view('accept', graded), now: before, status: 'graded', mode: 'done' },
  ])('$status, $mode', ({ a, now, status, mode }) => {
    expect(studentStatus(a, now)).toBe(status)
    expect(submitMode(a, now)).toBe(mode)
  })
})
