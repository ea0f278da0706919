import { describe, expect, it } from 'vitest'
import type { Ticket } from '../../../../edge/contract/support.ts'
import {
  filtersFromSearch,
  filtersToQuery,
  filtersToSearch,
  matchesFilters,
  sortTickets,
  upsertTicket,
} from './support-queue.ts'

const ME = '00000000-0000-4000-a000-000000000006'
const OTHER = '00000000-0000-4000-a000-000000000003'

let n = 1000
function ticket(extra: Partial<Ticket> = {}): Ticket {
  n++
  return {
    id: `20000000-0000-4000-a000-${String(n).padStart(12, '0')}`,
    tenant_id: '10000000-0000-4000-a000-000000000001',
    number: n,
    subject: 'Cannot open the lesson',
    category: 'technical',
    priority: 'normal',
    status: 'open',
    requester_id: '00000000-0000-4000-a000-000000000007',
    requester_name: 'Kevin Mwangi',
    assignee_id: null,
    assignee_name: null,
    context: {},
    merged_into: null,
    sla_state: 'ok',
    sla_due_at: '2026-11-23T12:00:00Z',
    first_response_at: null,
    last_message_at: null,
    resolved_at: null,
    closed_at: null,
    created_at: '2026-11-23T09:00:00Z',
    updated_at: '2026-11-23T09:00:00Z',
    ...extra,
  }
}

describe('queue filters', () => {
  it('reads the URL, ignoring what it does not know', () => {
    expect(filtersFromSearch({})).toEqual({ status: 'active', sort: 'updated' })
    expect(
      filtersFromSearch({
        status: 'pending',
        priority: 'urgent',
        assignee: 'me',
        sla: 'breached',
        q: ' #1042 ',
      }),
    ).toMatchObject({ status: 'pending', priority: 'urgent', assignee: 'me', sla: 'breached', q: '#1042' })
    expect(filtersFromSearch({ status: 'bogus', priority: 'huge', assignee: 'robert', sort: 'x' })).toEqual({
      status: 'active',
      sort: 'updated',
    })
    expect(filtersFromSearch({ assignee: OTHER }).assignee).toBe(OTHER)
  })

  it('writes the URL without defaults and asks the API for the statuses meant', () => {
    const f = filtersFromSearch({ assignee: 'none', sort: 'sla' })
    expect(filtersToSearch(f)).toEqual({
      status: undefined,
      priority: undefined,
      category: undefined,
      assignee: 'none',
      sla: undefined,
      q: undefined,
      sort: 'sla',
    })
    expect(filtersToQuery(f)).toMatchObject({ status: 'open,pending', assignee: 'none', sort: 'sla' })
    expect(filtersToQuery(filtersFromSearch({ status: 'all' })).status).toBeUndefined()
  })

  it('matches tickets like the API filters them', () => {
    const f = filtersFromSearch({ assignee: 'me' })
    expect(matchesFilters(ticket({ assignee_id: ME }), f, ME)).toBe(true)
    expect(matchesFilters(ticket({ assignee_id: OTHER }), f, ME)).toBe(false)
    expect(matchesFilters(ticket({ status: 'resolved', assignee_id: ME }), f, ME)).toBe(false)
    expect(matchesFilters(ticket(), filtersFromSearch({ assignee: 'none' }), ME)).toBe(true)
    expect(matchesFilters(ticket({ subject: 'Fees statement' }), filtersFromSearch({ q: 'fees' }), ME)).toBe(
      true,
    )
    const t = ticket()
    expect(matchesFilters(t, filtersFromSearch({ q: `#${t.number}` }), ME)).toBe(true)
    expect(matchesFilters(t, filtersFromSearch({ q: '#1' }), ME)).toBe(false)
  })
})

describe('live queue updates', () => {
  const f = filtersFromSearch({})

  it('adds a new ticket at the top, replaces a changed one and drops one that no longer matches', () => {
    const a = ticket({ updated_at: '2026-11-23T09:00:00Z' })
    const b = ticket({ updated_at: '2026-11-23T09:05:00Z' })
    let list = sortTickets([a, b], 'updated')
    expect(list.map((t) => t.id)).toEqual([b.id, a.id])

    const c = ticket({ updated_at: '2026-11-23T09:10:00Z' })
    list = upsertTicket(list, c, f, ME)
    expect(list.map((t) => t.id)).toEqual([c.id, b.id, a.id])

    list = upsertTicket(list, { ...a, priority: 'high', updated_at: '2026-11-23T09:20:00Z' }, f, ME)
    expect(list[0]).toMatchObject({ id: a.id, priority: 'high' })
    expect(list).toHaveLength(3)

    list = upsertTicket(list, { ...b, status: 'resolved', updated_at: '2026-11-23T09:30:00Z' }, f, ME)
    expect(list.map((t) => t.id)).toEqual([a.id, c.id])
  })

  it('never lets an older copy replace a newer one', () => {
    const a = ticket({ priority: 'urgent', updated_at: '2026-11-23T09:20:00Z' })
    const list = upsertTicket([a], { ...a, priority: 'low', updated_at: '2026-11-23T09:00:00Z' }, f, ME)
    expect(list[0].priority).toBe('urgent')
  })

  it('sorts by SLA due, tickets without a running clock last', () => {
    const none = ticket({ sla_due_at: null })
    const late = ticket({ sla_due_at: '2026-11-23T15:00:00Z' })
    const soon = ticket({ sla_due_at: '2026-11-23T10:30:00Z' })
    expect(sortTickets([none, late, soon], 'sla').map((t) => t.id)).toEqual([soon.id, late.id, none.id])
  })
})
