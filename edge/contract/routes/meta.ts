import { Health } from '../tenancy.ts'
import { route } from './route.ts'

/** Liveness: 200 when the database answers, 503 (same body, `degraded`) when it does not. */
export const getHealth = route({
  method: 'get',
  path: '/health',
  responses: { 200: Health, 503: Health },
})
