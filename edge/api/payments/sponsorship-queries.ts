import type { Currency } from '../../contract/payments-values.ts'
import type {
  SponsoredStudent,
  Sponsorship,
  SponsorshipDetail,
  SponsorshipProgress,
} from '../../contract/sponsorships.ts'
import type { Tx } from '../../lib/db.ts'
import { notFound, unprocessable } from '../../lib/errors.ts'
import type { PaymentsSetup } from './queries.ts'

// The sponsorship routes' reads, all under RLS: sponsorships are the sponsor's and the school
// admins' to read; sponsored_seats (who) only the admins'.

interface SponsorshipRow extends Omit<Sponsorship, 'amount_minor' | 'created_at'> {
  amount_minor: number | null
  created_at: Date | string
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : String(v))

function toSponsorship(row: SponsorshipRow): Sponsorship {
  return {
    id: row.id,
    tenant_id: row.tenant_id,
    organisation: row.organisation,
    sponsor_id: row.sponsor_id,
    sponsor_name: row.sponsor_name,
    course_id: row.course_id,
    course_title: row.course_title,
    seats: Number(row.seats),
    status: row.status,
    currency: row.currency,
    amount_minor: row.amount_minor === null ? null : Number(row.amount_minor),
    payment_id: row.payment_id,
    payment_status: row.payment_status,
    created_at: iso(row.created_at),
  }
}

/**
 * Sponsorships of a school (`tenantId`) or one (`id`) as RLS shows them. The amount is the
 * payment's while it is pending or paid, else the course's price now × the seats.
 */
function readRows(tx: Tx, where: { tenantId: string } | { id: string }) {
  return tx<SponsorshipRow[]>`
    select s.id, s.tenant_id, s.organisation, s.sponsor_id, pr.display_name as sponsor_name,
      s.course_id, c.title as course_title, s.seats, s.status,
      case when p.status in ('failed', 'cancelled') or p.id is null then cp.currency else p.currency end as currency,
      (case when p.status in ('failed', 'cancelled') or p.id is null then cp.amount_minor * s.seats
            else p.amount_minor end)::float8 as amount_minor,
      s.payment_id, p.status as payment_status, s.created_at
    from public.sponsorships s
    left join public.courses c on c.id = s.course_id
    left join public.course_prices cp on cp.course_id = s.course_id and cp.amount_minor > 0
    left join public.payments p on p.id = s.payment_id
    left join public.profiles pr on pr.id = s.sponsor_id
    where ${'id' in where ? tx`s.id = ${where.id}` : tx`s.tenant_id = ${where.tenantId}`}
    order by s.created_at desc, s.id desc
    limit 500`
}

/** A school's sponsorships the caller may see (admins: all; a partner: theirs), newest first; unsent, see sponsorshipsIn. */
export const listSponsorshipsQuery = (tx: Tx, tenantId: string) => readRows(tx, { tenantId })

/** The sponsorships of listSponsorshipsQuery's rows. */
export const sponsorshipsIn = (rows: readonly SponsorshipRow[]): Sponsorship[] => rows.map(toSponsorship)

export const sponsorshipNotFound = () =>
  notFound('sponsorship_not_found', 'No such sponsorship, or it is not yours to see.')

/** One sponsorship as RLS shows it; 404 otherwise. */
export async function readSponsorship(tx: Tx, id: string): Promise<Sponsorship> {
  const [row] = await readRows(tx, { id })
  if (!row) throw sponsorshipNotFound()
  return toSponsorship(row)
}

/**
 * One sponsorship with whether the caller is an admin of its school and who it pays for (RLS: the
 * school's admins), unsent (for withUserRead); see sponsorshipDetailIn.
 */
export const sponsorshipDetailQueries = (tx: Tx, id: string) =>
  [
    readRows(tx, { id }),
    tx<{ admin: boolean }[]>`
      select private.has_role(s.tenant_id, private.admin_roles()) or private.is_superadmin() as admin
      from public.sponsorships s where s.id = ${id}`,
    tx<SponsoredStudent[]>`
      select ss.student_id as id, coalesce(pr.display_name, '') as name,
        exists (select 1 from public.enrolments e where e.course_id = s.course_id
                and e.user_id = ss.student_id) as enrolled
      from public.sponsored_seats ss join public.sponsorships s on s.id = ss.sponsorship_id
      left join public.profiles pr on pr.id = ss.student_id
      where ss.sponsorship_id = ${id}
      order by lower(coalesce(pr.display_name, '')), ss.student_id`,
  ] as const

/**
 * One sponsorship from sponsorshipDetailQueries' rows, with who it pays for (school admins and
 * superadmins; null for the sponsor, who gets numbers only) and how it can be paid here; 404 when
 * RLS hides it.
 */
export function sponsorshipDetailIn(
  [[row], [who], students]: readonly [
    readonly SponsorshipRow[],
    readonly { admin: boolean }[],
    readonly SponsoredStudent[],
  ],
  setup: PaymentsSetup,
): SponsorshipDetail {
  if (!row) throw sponsorshipNotFound()
  const s = toSponsorship(row)
  const methods: SponsorshipDetail['methods'] = []
  if (s.currency === 'KES' && setup.daraja) methods.push('mpesa')
  if (s.currency && setup.stripe) methods.push('card')
  return { ...s, students: who?.admin ? [...students] : null, methods }
}

/** One sponsorship with who it pays for and how it can be paid here (sponsorshipDetailIn). */
export async function readSponsorshipDetail(
  tx: Tx,
  id: string,
  setup: PaymentsSetup,
): Promise<SponsorshipDetail> {
  return sponsorshipDetailIn(await Promise.all(sponsorshipDetailQueries(tx, id)), setup)
}

/** What start_sponsorship_payment started, as the checkout needs it. */
export interface StartedSponsorshipPayment {
  id: string
  amount_minor: number
  currency: Currency
  title: string
  slug: string
}

/**
 * public.start_sponsorship_payment as the sponsor (its refusals carry their codes), and what the
 * card page shows: "<course> — sponsorship, <n> seats".
 */
export async function startSponsorshipPayment(
  tx: Tx,
  sponsorshipId: string,
  provider: 'stripe' | 'mpesa',
  hash: string | null = null,
): Promise<StartedSponsorshipPayment> {
  let id: string
  try {
    const [row] = await tx<{ id: string }[]>`
      select public.start_sponsorship_payment(${sponsorshipId}, ${provider}, ${hash}) as id`
    id = row?.id as string
  } catch (error) {
    const e = error as { code?: string; hint?: string; message?: string }
    if (e?.code === '22023' && !e.hint)
      throw unprocessable('payments_unavailable', e.message ?? 'This sponsorship cannot be paid that way.')
    throw error
  }
  const [p] = await tx<{ amount_minor: number; currency: Currency; title: string; slug: string }[]>`
    select p.amount_minor::float8 as amount_minor, p.currency,
      coalesce(c.title, 'Course') || ' — sponsorship, ' || s.seats || ' seats' as title, t.slug
    from public.payments p
    join public.sponsorships s on s.id = p.sponsorship_id
    left join public.courses c on c.id = p.course_id
    join public.tenants t on t.id = p.tenant_id
    where p.id = ${id}`
  const row = p as NonNullable<typeof p>
  return { id, ...row, amount_minor: Number(row.amount_minor) }
}

interface ProgressRow {
  seats: number
  enrolled: number
  lessons_total: number
  suppressed: boolean
  min_group: number
  started: number | null
  average_completed: number | null
  completed: number | null
  bucket_0: number | null
  bucket_1_49: number | null
  bucket_50_99: number | null
  bucket_100: number | null
}

/** public.sponsorship_progress (the function decides who may ask), unsent; see progressIn. */
export const progressQuery = (tx: Tx, id: string) =>
  tx<ProgressRow[]>`select * from public.sponsorship_progress(${id})`

/** progressQuery's row as the contract shows it; 404 without one. */
export function progressIn([r]: readonly ProgressRow[]): SponsorshipProgress {
  if (!r) throw sponsorshipNotFound()
  const shown = !r.suppressed
  return {
    seats: r.seats,
    enrolled: r.enrolled,
    lessons_total: r.lessons_total,
    suppressed: r.suppressed,
    min_group: r.min_group,
    started: r.started,
    average_completed: r.average_completed === null ? null : Number(r.average_completed),
    completed: r.completed,
    distribution: shown
      ? {
          none: r.bucket_0 ?? 0,
          some: r.bucket_1_49 ?? 0,
          most: r.bucket_50_99 ?? 0,
          all: r.bucket_100 ?? 0,
        }
      : null,
  }
}
