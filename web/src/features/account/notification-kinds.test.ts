import { describe, expect, it } from 'vitest'
import { kindsFor } from './notification-kinds.ts'

describe('kindsFor', () => {
  it('leaves out what a student never receives', () => {
    const kinds = kindsFor(['student'])
    expect(kinds).toContain('session_reminder')
    expect(kinds).toContain('ticket_message')
    expect(kinds).not.toContain('sla_breach')
    expect(kinds).not.toContain('session_booked')
    expect(kinds).not.toContain('invitation_accepted')
    expect(kinds).not.toContain('tutor_flagged')
  })

  it('adds what a role receives when any school gives it that role', () => {
    expect(kindsFor(['student', 'instructor'])).toContain('session_booked')
    expect(kindsFor(['instructor'])).toContain('tutor_flagged')
    expect(kindsFor(['admin'])).toContain('tutor_flagged')
    expect(kindsFor(['staff', 'parent'])).not.toContain('tutor_flagged')
    expect(kindsFor(['staff'])).toContain('sla_warning')
    expect(kindsFor(['owner'])).toEqual(expect.arrayContaining(['invitation_accepted', 'sla_breach']))
  })
})
