import { type ApiDeps, newRouter } from '../core/router.ts'
import { adminHomeRoutes } from './admin.ts'
import { staffHomeRoutes } from './staff.ts'
import { studentHomeRoutes } from './student.ts'
import { teacherHomeRoutes } from './teacher.ts'

/** Home pages: what a person does next in a school, one request per home. */
export function homeRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', studentHomeRoutes(deps))
    .route('/', teacherHomeRoutes(deps))
    .route('/', staffHomeRoutes(deps))
    .route('/', adminHomeRoutes(deps))
}
