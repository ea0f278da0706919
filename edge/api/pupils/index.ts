import type { ApiDeps } from '../core/router.ts'
import { pupilRoutes } from './pupils.ts'

/** Pupils without email: accounts a school makes from its class list (school code + admission number). */
export function pupilsRoutes(deps: ApiDeps) {
  return pupilRoutes(deps)
}
