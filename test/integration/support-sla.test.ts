import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Tx, withUser } from '../../edge/lib/db.ts'
import { createTenant, createUser, type TestUser, testDb } from '../support/fixtures.ts'

// SLA clocks with a controlled clock (`kipindi.clock`) and the job `private.run_sla(at)`.
// The school keeps the default calendar: Monday–Friday 08:00–17:00, Africa/Nairobi (UTC+3, no
// daylight saving). Tickets live in March 2020, so these runs never fire for another file's
// tickets (opened now, due in the future); the step-by-step cases run in a transaction that is
// rolled back, the concurrent ones commit.
const sql = testDb(8)
let owner: TestUser
let admin: TestUser
let staff: TestUser
let student: TestUser
let tenant: { id: string }
beforeAll(async () => {
  ;[owner, admin, staff, student] = await Promise.all([1, 2, 3, 4].map(() => createUser(sql)))
  tenant = await createTenant(sql, owner as TestUser, [
    [admin as TestUser, 'admin'],
    [staff as TestUser, 'staff'],
    [student as TestUser, 'student'],
  ])
})
afterAll(() => sql.end())

/** A moment in Nairobi. */
const eat = (local: string) => new Date(`${local}+03:00`)

const setClock = (tx: Tx, local: string) => tx`select set_config('kipindi.clock', ${`${local}+03:00`}, true)`

const ROLLBACK = Symbol('rollback')
/** Runs a story in one transaction and rolls it back, so no other test (or file) ever sees it. */
async function story(fn: (tx: Tx) => Promise<void>) {
  try {
    await sql.begin(async (tx) => {
      await fn(tx)
      throw ROLLBACK
    })
  } catch (error) {
    if (error !== ROLLBACK) throw error
  }
}

/** Opens a ticket of the student at a local time, assigned to the staff, with its first message. */
async function openAt(tx: Tx, local: string): Promise<string> {
  await setClock(tx, local)
  const [t] = await tx`
    insert into public.tickets (tenant_id, requester_id, subject, category, assignee_id)
    values (${tenant.id}, ${student.id}, 'Help', 'technical', ${staff.id}) returning id`
  await tx`insert into public.ticket_messages (ticket_id, author_id, body) values (${t?.id}, ${student.id}, 'Help me')`
  return t?.id as string
}

/** The ticket's clocks by target (latest cycle), and its summary. */
async function clocks(tx: Tx, ticketId: string) {
  const rows = await tx<
    { target: string; warn_at: Date; due_at: Date; warned_at: Date | null; breached_at: Date | null }[]
  >`
    select distinct on (target) target, warn_at, due_at, warned_at, breached_at
    from public.ticket_sla_targets where ticket_id = ${ticketId} order by target, cycle desc`
  const [t] = await tx`select priority, sla_state, sla_due_at from public.tickets where id = ${ticketId}`
  return { ...Object.fromEntries(rows.map((r) => [r.target, r])), ticket: t } as Record<
    string,
    (typeof rows)[number]
  > & {
    ticket: { priority: string; sla_state: string; sla_due_at: Date }
  }
}

const runSla = (tx: Tx, local: string) =>
  tx`select private.run_sla(${`${local}+03:00`}::timestamptz) as result`

/** What escalation wrote for a ticket: notifications by kind, breach lines, breach audit rows. */
async function escalations(tx: Tx, ticketId: string) {
  const [row] = await tx`
    select
      (select count(*)::int from public.notifications where ticket_id = ${ticketId} and kind = 'sla_warning') as warnings,
      (select count(*)::int from public.notifications where ticket_id = ${ticketId} and kind = 'sla_breach') as breach_notes,
      (select count(distinct user_id)::int from public.notifications where ticket_id = ${ticketId} and kind = 'sla_breach') as breach_people,
      (select count(*)::int from public.ticket_messages where ticket_id = ${ticketId} and system and body like 'SLA breached%') as lines,
      (select count(*)::int from public.audit_log where target_id = ${ticketId}::text and action = 'ticket.sla_breached') as audit`
  return row as {
    warnings: number
    breach_notes: number
    breach_people: number
    lines: number
    audit: number
  }
}

describe('SLA clocks in business hours', () => {
  it('counts only working time: opened Friday 16:00, 240 business minutes are due Monday 11:00', async () => {
    await story(async (tx) => {
      const id = await openAt(tx, '2020-03-06T16:00:00') // a Friday
      const c = await clocks(tx, id)
      expect(c.first_response?.due_at).toEqual(eat('2020-03-09T11:00:00'))
      expect(c.first_response?.warn_at).toEqual(eat('2020-03-09T10:12:00')) // 80 % of 240 minutes
      expect(c.resolution?.due_at).toEqual(eat('2020-03-11T13:00:00')) // 1,440 minutes: Wednesday 13:00
      expect(c.ticket).toMatchObject({ sla_state: 'ok', sla_due_at: eat('2020-03-09T11:00:00') })
    })
  })

  it('skips holidays', async () => {
    await story(async (tx) => {
      await tx`insert into public.support_holidays (tenant_id, day, name) values (${tenant.id}, '2020-03-09', 'Closed')`
      const id = await openAt(tx, '2020-03-06T16:00:00')
      expect((await clocks(tx, id)).first_response?.due_at).toEqual(eat('2020-03-10T11:00:00'))
    })
  })

  it('follows the school’s own calendar and policies', async () => {
    await story(async (tx) => {
      await tx`insert into public.support_calendars (tenant_id, work_days, day_start, day_end)
               values (${tenant.id}, '{1,2,3,4,5,6}', '09:00', '12:00')`
      await tx`insert into public.sla_policies (tenant_id, priority, first_response_minutes, next_response_minutes, resolution_minutes, warn_percent)
               values (${tenant.id}, 'normal', 120, 60, 600, 50)`
      const id = await openAt(tx, '2020-03-06T11:00:00') // Friday: one hour left that day
      const c = await clocks(tx, id)
      expect(c.first_response?.due_at).toEqual(eat('2020-03-07T10:00:00')) // Saturday is a working day here
      expect(c.first_response?.warn_at).toEqual(eat('2020-03-06T12:00:00'))
    })
  })

  it('pauses while pending and moves the due moments by the paused business time', async () => {
    await story(async (tx) => {
      const id = await openAt(tx, '2020-03-09T09:00:00') // Monday: due 13:00, resolution Wednesday 15:00
      const before = await clocks(tx, id)
      expect(before.first_response?.due_at).toEqual(eat('2020-03-09T13:00:00'))
      expect(before.resolution?.due_at).toEqual(eat('2020-03-11T15:00:00'))

      await setClock(tx, '2020-03-09T10:00:00')
      await tx`update public.tickets set status = 'pending' where id = ${id}`
      expect((await clocks(tx, id)).ticket.sla_state).toBe('paused')
      await runSla(tx, '2020-03-09T14:00:00') // past the old due moment: nothing fires while paused
      expect((await clocks(tx, id)).first_response?.breached_at).toBeNull()

      await setClock(tx, '2020-03-09T15:00:00') // the requester answers: open again, 5 business hours later
      await tx`insert into public.ticket_messages (ticket_id, author_id, body) values (${id}, ${student.id}, 'Still broken')`
      const after = await clocks(tx, id)
      expect(after.ticket.sla_state).toBe('ok')
      expect(after.first_response?.due_at).toEqual(eat('2020-03-10T09:00:00'))
      expect(after.first_response?.warn_at).toEqual(eat('2020-03-10T08:12:00'))
      expect(after.resolution?.due_at).toEqual(eat('2020-03-12T11:00:00'))
    })
  })

  it('stops the clocks on a staff reply and starts the next-response clock on the requester’s answer', async () => {
    await story(async (tx) => {
      const id = await openAt(tx, '2020-03-09T09:00:00')
      await setClock(tx, '2020-03-09T09:30:00')
      await tx`insert into public.ticket_messages (ticket_id, author_id, body) values (${id}, ${staff.id}, 'Hello')`
      await setClock(tx, '2020-03-09T16:00:00')
      await tx`insert into public.ticket_messages (ticket_id, author_id, body) values (${id}, ${student.id}, 'Thanks, but…')`
      const [fr] =
        await tx`select met_at from public.ticket_sla_targets where ticket_id = ${id} and target = 'first_response'`
      expect(fr?.met_at).toEqual(eat('2020-03-09T09:30:00'))
      // Next response, normal: 480 business minutes from Monday 16:00 is Tuesday 15:00.
      expect((await clocks(tx, id)).next_response?.due_at).toEqual(eat('2020-03-10T15:00:00'))
    })
  })
})

/** One warning to the assignee, nothing else yet. */
const WARNED_ONCE = { warnings: 1, breach_notes: 0, breach_people: 0, lines: 0, audit: 0 }
/** The owner, the admin and the assignee told once each; one breach line, one audit row. */
const ESCALATED_ONCE = { warnings: 1, breach_notes: 3, breach_people: 3, lines: 1, audit: 1 }

describe('SLA escalation', () => {
  it('warns, then breaches, each exactly once under repeated runs; priority goes up one step', async () => {
    await story(async (tx) => {
      const id = await openAt(tx, '2020-03-16T09:00:00') // first response: warn 12:12, due 13:00
      await runSla(tx, '2020-03-16T12:00:00')
      expect(await escalations(tx, id)).toMatchObject({ warnings: 0, breach_notes: 0 })

      for (const at of ['12:30', '12:30', '12:45', '12:59']) await runSla(tx, `2020-03-16T${at}:00`)
      const warned = await clocks(tx, id)
      expect(warned.first_response?.warned_at).toEqual(eat('2020-03-16T12:30:00'))
      expect(warned.ticket).toMatchObject({ sla_state: 'warning', priority: 'normal' })
      expect(await escalations(tx, id)).toEqual(WARNED_ONCE)

      for (const at of ['13:30', '13:30', '14:00', '16:00']) await runSla(tx, `2020-03-16T${at}:00`)
      const breached = await clocks(tx, id)
      expect(breached.first_response?.breached_at).toEqual(eat('2020-03-16T13:30:00'))
      expect(breached.resolution?.breached_at).toBeNull()
      expect(breached.ticket).toMatchObject({ sla_state: 'breached', priority: 'high' })
      expect(await escalations(tx, id)).toEqual(ESCALATED_ONCE)
      const lines =
        await tx`select body, internal from public.ticket_messages where ticket_id = ${id} and system`
      expect(lines).toContainEqual({
        body: 'SLA breached: first response was due 2020-03-16 13:00. Priority is now high.',
        internal: true,
      })
    })
  })

  it('fires each warning and breach exactly once when four job instances run at the same moment', async () => {
    const tickets = await sql.begin(async (tx) => {
      const ids: string[] = []
      for (let i = 0; i < 8; i++) ids.push(await openAt(tx, '2020-03-23T09:00:00'))
      return ids
    })
    const conns = await Promise.all([1, 2, 3, 4].map(() => sql.reserve()))
    const q = conns[0] as Tx
    try {
      /** Every connection runs the job at `local` at once, `times` rounds in a row; the total warned. */
      const concurrently = async (local: string, times = 3) => {
        let warned = 0
        for (let i = 0; i < times; i++) {
          const runs = await Promise.all(
            conns.map((c) => c`select private.run_sla(${`${local}+03:00`}::timestamptz) as result`),
          )
          for (const [run] of runs) warned += run?.result.warned
        }
        return warned
      }
      expect(await concurrently('2020-03-23T12:30:00')).toBe(tickets.length)
      for (const id of tickets) {
        expect(await escalations(q, id)).toEqual(WARNED_ONCE)
      }
      await concurrently('2020-03-23T13:30:00')
      await concurrently('2020-03-23T13:45:00')
      for (const id of tickets) {
        expect(await escalations(q, id)).toEqual(ESCALATED_ONCE)
        const c = await clocks(q, id)
        expect(c.ticket).toMatchObject({ priority: 'high', sla_state: 'breached' })
        expect(c.first_response?.breached_at).toEqual(eat('2020-03-23T13:30:00'))
      }
    } finally {
      for (const c of conns) c.release()
      // Close them, so later runs (other files' jobs) have nothing of ours left to fire.
      await sql`update public.tickets set status = 'closed' where id in ${sql(tickets)}`
    }
  })

  it('never deadlocks with replies and status changes racing the job', async () => {
    for (let round = 0; round < 5; round++) {
      const tickets = await sql.begin(async (tx) => {
        const ids: string[] = []
        for (let i = 0; i < 6; i++) ids.push(await openAt(tx, '2020-03-30T09:00:00'))
        return ids
      })
      const jobs = [1, 2, 3].map(() => sql`select private.run_sla('2020-03-31T16:00:00+03:00'::timestamptz)`)
      const reply = (id: string) =>
        withUser(
          sql,
          staff.claims,
          (tx) => tx`insert into public.ticket_messages (ticket_id, body) values (${id}, 'On it')`,
        )
      const pend = (id: string) =>
        withUser(sql, staff.claims, (tx) => tx`update public.tickets set status = 'pending' where id = ${id}`)
      const work = tickets.map((id, i) => (i % 3 === 2 ? pend(id) : reply(id)))
      const outcomes = await Promise.allSettled([...jobs, ...work])
      expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([])
      await sql`update public.tickets set status = 'closed' where id in ${sql(tickets)}`
    }
  })
})
