import { TENANT_ROLES } from '../../../../edge/contract/roles.ts'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'

/** The members page's filters as the URL carries them: `?q=&role=&page=`. */
export type MemberParams = {
  q?: string
  role?: string
  page?: string
}

/** What the page asks the API for: a search text, one role or all, and a page from 1. */
export interface MemberFilters {
  q: string
  role: TenantRole | undefined
  page: number
}

/** Reads the URL's filters; a role or page the app does not know reads as none or the first. */
export function readMemberFilters(params: MemberParams): MemberFilters {
  const role = TENANT_ROLES.find((r) => r === params.role)
  const page = Number.parseInt(params.page ?? '', 10)
  return { q: (params.q ?? '').trim().slice(0, 100), role, page: page > 1 ? page : 1 }
}
