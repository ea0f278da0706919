import { type ApiDeps, newRouter } from '../core/router.ts'
import { accountDeletionRoutes } from './account.ts'
import { ownershipRoutes } from './ownership.ts'
import { schoolDeletionRoutes } from './school-deletion.ts'
import { schoolExportRoutes } from './school-export.ts'

/** Data rights: deleting one's account, handing a school over, a school's export and deletion. */
export function dataRightsRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', accountDeletionRoutes(deps))
    .route('/', ownershipRoutes(deps))
    .route('/', schoolExportRoutes(deps))
    .route('/', schoolDeletionRoutes(deps))
}
