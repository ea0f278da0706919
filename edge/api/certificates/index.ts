import { type ApiDeps, newRouter } from '../core/router.ts'
import { certificateRoutes } from './certificates.ts'
import { downloadRoutes } from './download.ts'
import { progressRoutes } from './progress.ts'
import { rulesRoutes } from './rules.ts'
import { verifyRoutes } from './verify.ts'

/**
 * Course completion and certificates: progress by the course's rules, the rules, issuing, reading,
 * downloading (PDF) and revoking certificates, and the public verification by code.
 */
export function certificatesRoutes(deps: ApiDeps) {
  return newRouter()
    .route('/', progressRoutes(deps))
    .route('/', rulesRoutes(deps))
    .route('/', certificateRoutes(deps))
    .route('/', downloadRoutes(deps))
    .route('/', verifyRoutes(deps))
}
