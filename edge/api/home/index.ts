import { type ApiDeps, newRouter } from '../core/router.ts'
import { studentHomeRoutes } from './student.ts'

/** Home pages: what a person does next in a school, one request per home. */
export function homeRoutes(deps: ApiDeps) {
  return newRouter().route('/', studentHomeRoutes(deps))
}
