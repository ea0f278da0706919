import type { Wallet } from '../../contract/payments.ts'
import * as R from '../../contract/routes/payments.ts'
import { withUserRead } from '../../lib/db.ts'
import { apiRoute } from '../core/openapi.ts'
import { type ApiDeps, newRouter } from '../core/router.ts'
import { tenantRoleIn, tenantRoleQuery } from '../tenancy/access.ts'
import './schemas.ts'

const tags = ['payments']

const get = apiRoute(R.getWallet, {
  tags,
  summary: 'Your instructor wallet in a school: balances per currency and the last 100 entries',
  description:
    'pending: earned, still in the hold (7 days, or until the sold sessions took place); available: ' +
    'can be paid out. Entries are positive for money in (sales, releases into available) and negative ' +
    'for refunds and payouts. Empty for people without a wallet.',
  responses: { 200: 'The wallet.' },
  errors: [400, 401, 404],
})

type EntryRow = Wallet['entries'][number] & { transaction_id: string }

/** GET /tenants/:tenantId/wallet. */
export function walletRoutes({ sql, auth }: ApiDeps) {
  return newRouter().openapi({ ...get, middleware: auth }, async (c) => {
    const { tenantId } = c.req.valid('param')
    const [role, balances, entries] = await withUserRead(sql, c.var.claims, (tx) => [
      tenantRoleQuery(tx, tenantId),
      tx<Wallet['balances']>`
        select w.currency, w.pending_minor::int as pending_minor, w.available_minor::int as available_minor
        from public.instructor_wallets w
        where w.tenant_id = ${tenantId} and w.instructor_id = (select auth.uid())
        order by w.currency`,
      // Wallet accounts are credit-normal: an entry of -x puts x into the wallet.
      tx<EntryRow[]>`
        select e.created_at, e.currency, (-e.amount_minor)::int as amount_minor, t.kind,
          null::text as course_title,
          case a.kind when 'instructor_pending' then 'pending' else 'available' end as account,
          t.id as transaction_id
        from public.ledger_entries e
        join public.ledger_accounts a on a.id = e.account_id
        join public.ledger_transactions t on t.id = e.transaction_id
        where a.tenant_id = ${tenantId} and a.owner_id = (select auth.uid())
          and a.kind in ('instructor_pending', 'instructor_available')
        order by e.id desc limit 100`,
    ])
    tenantRoleIn(role)
    // The buyer's payment is not the instructor's to read: the course titles of the transactions
    // already read under RLS come from the privileged connection (nothing else of the payment).
    const ids = [...new Set(entries.map((e) => e.transaction_id))]
    const titles = new Map<string, string>()
    if (ids.length > 0) {
      const rows = await sql<{ id: string; title: string }[]>`
        select t.id, c.title from public.ledger_transactions t
        join public.payments p on p.id = t.payment_id
        join public.courses c on c.id = p.course_id
        where t.id = any(${ids}::uuid[])`
      for (const r of rows) titles.set(r.id, r.title)
    }
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v))
    return c.json(
      {
        balances: balances.map((b) => ({
          currency: b.currency,
          pending_minor: Number(b.pending_minor),
          available_minor: Number(b.available_minor),
        })),
        entries: entries.map(({ transaction_id, ...e }) => ({
          ...e,
          created_at: iso(e.created_at),
          amount_minor: Number(e.amount_minor),
          course_title: titles.get(transaction_id) ?? null,
        })),
      },
      200,
    )
  })
}
