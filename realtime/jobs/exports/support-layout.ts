// The support report's file: by agent, category or ticket, its SLA figures (tickets, medians to the
// first answer and to resolution, clocks met and breached) and satisfaction (ratings, average, share
// of 4–5), headings in English or Kiswahili.
import {
  type SupportGroup,
  type SupportRow,
  satisfiedRate,
  slaMetRate,
} from '../../../edge/contract/reports.ts'
import { type Cell, type ExportLayout, exportHead, type LayoutOptions, timeIn } from './columns.ts'

const WORDS = {
  en: {
    title: 'Support desk',
    agent: 'Agent',
    unassigned: 'Unassigned',
    category: 'Category',
    ticket: 'Ticket',
    subject: 'Subject',
    opened: 'Opened',
    tickets: 'Tickets',
    firstAnswer: 'Median first answer (min)',
    resolution: 'Median resolution (h)',
    met: 'SLA met',
    breached: 'SLA breached',
    metRate: 'SLA met %',
    ratings: 'Ratings',
    average: 'Average score',
    satisfied: 'Satisfied %',
    categories: { technical: 'Technical', billing: 'Billing', academic: 'Academic', account: 'Account' },
    by: { agent: 'by agent', category: 'by category', ticket: 'by ticket' },
  },
  sw: {
    title: 'Dawati la msaada',
    agent: 'Mhudumu',
    unassigned: 'Haijakabidhiwa',
    category: 'Aina',
    ticket: 'Tiketi',
    subject: 'Mada',
    opened: 'Ilifunguliwa',
    tickets: 'Tiketi',
    firstAnswer: 'Wastani wa kati wa jibu la kwanza (dak)',
    resolution: 'Wastani wa kati wa utatuzi (saa)',
    met: 'SLA zilizotimizwa',
    breached: 'SLA zilizopitwa',
    metRate: 'SLA zilizotimizwa %',
    ratings: 'Tathmini',
    average: 'Alama ya wastani',
    satisfied: 'Walioridhika %',
    categories: { technical: 'Kiufundi', billing: 'Malipo', academic: 'Masomo', account: 'Akaunti' },
    by: { agent: 'kwa mhudumu', category: 'kwa aina', ticket: 'kwa tiketi' },
  },
} as const

/**
 * The support report: the agent (or "Unassigned"), the category, or the ticket (number, subject, agent,
 * category, opened), then its figures; percents are whole, empty where nothing was decided or rated.
 */
export function supportLayout(o: LayoutOptions<SupportGroup>): ExportLayout<SupportRow> {
  const w = WORDS[o.locale]
  const when = timeIn(o.timeZone)
  const category = (r: SupportRow) => (r.category ? w.categories[r.category] : null)
  const figureColumns = [
    w.tickets,
    w.firstAnswer,
    w.resolution,
    w.met,
    w.breached,
    w.metRate,
    w.ratings,
    w.average,
    w.satisfied,
  ]
  const figures = (r: SupportRow): Cell[] => [
    r.tickets,
    r.first_response_minutes,
    r.resolution_hours,
    r.met,
    r.breached,
    slaMetRate(r),
    r.ratings,
    r.average_score,
    satisfiedRate(r),
  ]
  const widths = [1, 1.6, 1.5, 1, 1, 1, 1, 1.1, 1.1]
  const base = exportHead(o, w.title, w.by[o.group])
  switch (o.group) {
    case 'agent':
      return {
        ...base,
        columns: [w.agent, ...figureColumns],
        widths: [2.5, ...widths],
        cells: (r) => [r.key === null ? w.unassigned : r.label, ...figures(r)],
      }
    case 'category':
      return {
        ...base,
        columns: [w.category, ...figureColumns],
        widths: [2, ...widths],
        cells: (r) => [category(r), ...figures(r)],
      }
    case 'ticket':
      return {
        ...base,
        columns: [w.ticket, w.subject, w.agent, w.category, w.opened, ...figureColumns],
        widths: [0.8, 3, 2, 1.3, 1.8, ...widths],
        cells: (r) => [
          r.number,
          r.label,
          r.detail ?? w.unassigned,
          category(r),
          when(r.opened_at),
          ...figures(r),
        ],
      }
  }
}
