import type { TenantRole } from '../../../edge/contract/tenancy.ts'
import { roleLabel } from '../lib/format.ts'

const COLORS: Record<TenantRole, string> = {
  owner: 'bg-accent-400/20 text-[#8a5300] dark:text-accent-400',
  admin: 'bg-brand-500/15 text-brand-700 dark:text-brand-300',
  instructor: 'bg-sky-500/15 text-sky-800 dark:text-sky-300',
  staff: 'bg-violet-500/15 text-violet-800 dark:text-violet-300',
  student: 'bg-emerald-500/15 text-emerald-800 dark:text-emerald-300',
  parent: 'bg-rose-500/15 text-rose-800 dark:text-rose-300',
  partner: 'bg-amber-500/15 text-amber-800 dark:text-amber-300',
}

/** A role as a coloured pill ("Instructor"). */
export function RoleBadge(props: { role: TenantRole; class?: string }) {
  return <span class={`badge ${COLORS[props.role]} ${props.class ?? ''}`}>{roleLabel(props.role)}</span>
}
