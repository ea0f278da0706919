import { inRoleGroup, SUPPORT_ROLES } from '../../../../edge/contract/roles.ts'
import type {
  TicketCategory,
  TicketContext,
  TicketPriority,
  TicketStatus,
} from '../../../../edge/contract/support.ts'
import {
  SUPPORT_LIMITS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
} from '../../../../edge/contract/support-values.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { schoolSubpath } from '../../lib/navigation.ts'
import { messages } from './messages.ts'

const t = translator(messages)

// What the Help button attaches to a new ticket (where the person was), how staff see it again,
// and the names of statuses, priorities and categories.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const COURSE = new RegExp(`^/courses/(${UUID})(?:/|$)`, 'i')
const LESSON = new RegExp(`^/lessons/(${UUID})(?:/|$)`, 'i')
const SESSION = new RegExp(`^/(?:sessions|tutoring)/(${UUID})(?:/|$)`, 'i')

/** The page title without the " · Kipindi" suffix, as a label of where the person was. */
export function pageLabel(documentTitle: string): string | undefined {
  const label = documentTitle.replace(/\s*·\s*Kipindi\s*$/, '').trim()
  return label ? label.slice(0, SUPPORT_LIMITS.contextLabel) : undefined
}

/** The context of a ticket opened on `pathname` (course, lesson or tutoring session ids when there). */
export function ticketContextFor(pathname: string, documentTitle: string): TicketContext {
  const page = pathname.slice(0, SUPPORT_LIMITS.contextPage)
  const context: TicketContext = /^\/[^\s]*$/.test(page) && !page.startsWith('//') ? { page } : {}
  const label = pageLabel(documentTitle)
  if (label) context.label = label
  const rest = schoolSubpath(pathname) ?? ''
  const course = COURSE.exec(rest)
  if (course) context.course_id = course[1].toLowerCase()
  const lesson = LESSON.exec(rest)
  if (lesson) context.lesson_id = lesson[1].toLowerCase()
  const session = SESSION.exec(rest)
  if (session) context.session_id = session[1].toLowerCase()
  return context
}

/** A link staff can follow to where a ticket was opened. */
export interface ContextLink {
  label: string
  /** Undefined when the app has no page for it (yet): shown as text. */
  href?: string
}

const isUuid = (v: unknown): v is string => typeof v === 'string' && new RegExp(`^${UUID}$`, 'i').test(v)

/**
 * The places a ticket's context points to, as in-app links. A page is only linked when it is a path
 * of this site (never `//host` or a full URL), since the requester chose what was sent.
 */
export function contextLinks(context: Record<string, unknown>, slug: string): ContextLink[] {
  const links: ContextLink[] = []
  const page = context.page
  const label = typeof context.label === 'string' && context.label.trim() ? context.label.trim() : undefined
  if (typeof page === 'string' && /^\/[^\s\\]*$/.test(page) && !page.startsWith('//')) {
    links.push({ label: label ? `${label} (${page})` : page, href: page })
  }
  const base = `/t/${encodeURIComponent(slug)}`
  if (isUuid(context.course_id))
    links.push({ label: t('context.course'), href: `${base}/courses/${context.course_id}` })
  if (isUuid(context.lesson_id))
    links.push({ label: t('context.lesson'), href: `${base}/lessons/${context.lesson_id}` })
  if (isUuid(context.session_id))
    links.push({ label: t('context.session'), href: `${base}/sessions/${context.session_id}` })
  return links
}

/** "open" → "Open" ("Wazi" in Kiswahili). */
export const statusLabel = (status: TicketStatus): string => t(`status.${status}`)

/** What a status means, for hints and select options. */
export const statusHint = (status: TicketStatus): string => t(`statusHint.${status}`)

export const priorityLabel = (priority: TicketPriority): string => t(`priority.${priority}`)

export const categoryLabel = (category: TicketCategory): string => t(`category.${category}`)

/** What each category covers, under its choice in the new-ticket dialog. */
export const categoryHint = (category: TicketCategory): string => t(`categoryHint.${category}`)

export { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES }

/** True for people who work the school's desk (owners, admins, staff: the contract's SUPPORT_ROLES). */
export const isSupportStaff = (role: TenantRole | null | undefined): boolean =>
  inRoleGroup(SUPPORT_ROLES, role)
