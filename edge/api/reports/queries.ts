import type { AttendanceFilters, AttendanceReport, AttendanceRow } from '../../contract/reports.ts'
import type { Tx } from '../../lib/db.ts'
import type { Period } from '../../lib/reports.ts'

// One page of the attendance report for the API (the period and the rows' query: edge/lib/reports.ts).

/** One page of the report with the whole report's totals. */
export async function attendancePage(
  tx: Tx,
  tenantId: string,
  period: Period,
  f: AttendanceFilters & { limit: number; offset: number },
): Promise<Omit<AttendanceReport, 'from' | 'to' | 'from_day' | 'to_day' | 'scope' | 'group'>> {
  const [row] = await tx<{ rows: AttendanceRow[]; n: number; b: number; p: number; m: number }[]>`
    with r as materialized (
      select * from public.attendance_report(${tenantId}, ${period.from_day}::date, ${period.to_day}::date,
        ${f.group}, ${f.course ?? null}, ${f.class ?? null}, ${f.student ?? null})
    )
    select count(*)::int as n, coalesce(sum(r.booked), 0)::int as b, coalesce(sum(r.present), 0)::int as p,
      coalesce(sum(r.minutes), 0)::int as m,
      coalesce((select jsonb_agg(to_jsonb(x) - 'ordinal' order by x.ordinal)
                from (select * from r order by r.ordinal limit ${f.limit} offset ${f.offset}) x), '[]') as rows
    from r`
  return {
    rows: row?.rows ?? [],
    total_rows: row?.n ?? 0,
    totals: { booked: row?.b ?? 0, present: row?.p ?? 0, minutes: row?.m ?? 0 },
  }
}
