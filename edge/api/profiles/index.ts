import { type ApiDeps, newRouter } from '../core/router.ts'
import { memberProfileRoutes } from './member-profile.ts'
import { myProfileRoutes } from './my-profile.ts'

/** Profiles: my details with a visibility per field, and a member's card as the caller may see it. */
export function profilesRoutes(deps: ApiDeps) {
  return newRouter().route('/', myProfileRoutes(deps)).route('/', memberProfileRoutes(deps))
}
