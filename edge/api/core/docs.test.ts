import { afterAll, describe, expect, it } from 'vitest'
import { setupApi } from './testing.ts'

const api = await setupApi()
afterAll(() => api.close())

const OPERATIONS = [
  'get /api/health',
  'get /api/me',
  'post /api/tenants',
  'get /api/tenants',
  'get /api/tenants/{id}',
  'patch /api/tenants/{id}',
  'get /api/tenants/{id}/members',
  'get /api/tenants/{id}/members/search',
  'get /api/tenants/{id}/members/counts',
  'patch /api/tenants/{id}/members/{userId}',
  'delete /api/tenants/{id}/members/{userId}',
  'post /api/tenants/{id}/invitations',
  'get /api/tenants/{id}/invitations',
  'delete /api/tenants/{id}/invitations/{invId}',
  'post /api/invitations/accept',
  'get /api/invitations/preview',
  'get /api/admin/tenants',
  'get /api/admin/schools',
  'post /api/admin/schools',
  'put /api/admin/schools/{id}/status',
  'put /api/admin/schools/{id}/plan',
  'get /api/schools/{slug}/status',
  'get /api/tenants/{tenantId}/children',
  'get /api/tenants/{tenantId}/guardian-links',
  'post /api/tenants/{tenantId}/guardian-links',
  'delete /api/tenants/{tenantId}/guardian-links/{parentId}/{studentId}',
  'post /api/tenants/{tenantId}/guardian-invitations',
  'get /api/tenants/{tenantId}/guardian-invitations',
  'delete /api/tenants/{tenantId}/guardian-invitations/{invitationId}',
  'get /api/guardian-invitations/preview',
  'post /api/guardian-invitations/accept',
  'get /api/tenants/{tenantId}/children/{studentId}',
  'get /api/tenants/{tenantId}/classes',
  'post /api/tenants/{tenantId}/classes',
  'get /api/classes/{classId}',
  'patch /api/classes/{classId}',
  'delete /api/classes/{classId}',
  'post /api/classes/{classId}/students',
  'delete /api/classes/{classId}/students/{userId}',
  'post /api/classes/{classId}/teachers',
  'delete /api/classes/{classId}/teachers/{userId}',
  'post /api/classes/{classId}/enrol',
  'get /api/classes/{classId}/pupil-accounts',
  'post /api/classes/{classId}/pupil-accounts',
  'post /api/classes/{classId}/pupil-accounts/{userId}/password-reset',
  'post /api/tenants/{tenantId}/student-imports/preview',
  'post /api/tenants/{tenantId}/student-imports',
  'post /api/tenants/{id}/courses',
  'get /api/tenants/{id}/courses',
  'get /api/courses/{id}',
  'patch /api/courses/{id}',
  'delete /api/courses/{id}',
  'post /api/courses/{id}/modules',
  'patch /api/modules/{id}',
  'delete /api/modules/{id}',
  'put /api/courses/{id}/order',
  'post /api/courses/{id}/lessons',
  'get /api/lessons/{id}',
  'patch /api/lessons/{id}',
  'delete /api/lessons/{id}',
  'put /api/courses/{id}/authors/{userId}',
  'delete /api/courses/{id}/authors/{userId}',
  'get /api/courses/{id}/enrolments',
  'post /api/courses/{id}/enrolments',
  'post /api/courses/{id}/enrol',
  'delete /api/courses/{id}/enrolments/{userId}',
  'post /api/lessons/{id}/publish',
  'get /api/lessons/{id}/versions',
  'get /api/lessons/{id}/versions/{n}',
  'post /api/lessons/{id}/versions/{n}/restore',
  'get /api/lessons/{id}/published',
  'put /api/lessons/{id}/progress',
  'get /api/tenants/{id}/home/student',
  'get /api/tenants/{id}/home/teacher',
  'get /api/tenants/{id}/home/staff',
  'get /api/tenants/{id}/home/admin',
  'delete /api/canned-replies/{id}',
  'delete /api/sessions/{id}',
  'delete /api/sessions/{id}/bookings/me',
  'delete /api/tenants/{tenantId}/sla/holidays/{day}',
  'get /api/notifications',
  'get /api/me/notification-settings',
  'put /api/me/notification-settings',
  'get /api/sessions/{id}',
  'get /api/sessions/{id}/admissions',
  'get /api/sessions/{id}/attendance',
  'get /api/sessions/{id}/messages',
  'get /api/tenants/{id}/sessions',
  'get /api/tenants/{tenantId}/canned-replies',
  'get /api/tenants/{tenantId}/sla',
  'get /api/tenants/{tenantId}/support/agents',
  'get /api/tenants/{tenantId}/support/report',
  'get /api/tenants/{tenantId}/tickets',
  'get /api/tickets/{id}',
  'get /api/tickets/{id}/messages',
  'patch /api/canned-replies/{id}',
  'patch /api/sessions/{id}',
  'patch /api/tenants/{tenantId}/support/agents/{userId}',
  'patch /api/tickets/{id}',
  'post /api/notifications/read',
  'post /api/sessions/{id}/admissions',
  'post /api/sessions/{id}/bookings',
  'post /api/sessions/{id}/end',
  'post /api/sessions/{id}/join',
  'post /api/sessions/{id}/messages',
  'post /api/sessions/{id}/participants/{userId}/mute',
  'post /api/sessions/{id}/participants/{userId}/remove',
  'post /api/tenants/{id}/sessions',
  'post /api/tenants/{tenantId}/canned-replies',
  'post /api/tenants/{tenantId}/sla/holidays',
  'post /api/tenants/{tenantId}/tickets',
  'post /api/tickets/{id}/assign',
  'post /api/tickets/{id}/csat',
  'post /api/tickets/{id}/merge',
  'post /api/tickets/{id}/messages',
  'post /api/tickets/{id}/seen',
  'put /api/tenants/{tenantId}/sla/calendar',
  'put /api/tenants/{tenantId}/sla/policies/{priority}',
  'get /api/tenants/{tenantId}/ai/conversations',
  'get /api/ai/conversations/{id}',
  'patch /api/ai/conversations/{id}',
  'post /api/ai/conversations/{id}/handoff',
  'get /api/tenants/{tenantId}/ai/status',
  'get /api/courses/{id}/tutor',
  'put /api/courses/{id}/tutor',
  'get /api/tenants/{tenantId}/ai/settings',
  'patch /api/tenants/{tenantId}/ai/settings',
  'post /api/tenants/{tenantId}/ai/providers',
  'patch /api/ai/providers/{id}',
  'delete /api/ai/providers/{id}',
  'put /api/tenants/{tenantId}/ai/providers/order',
  'get /api/tenants/{tenantId}/ai/usage',
  'get /api/courses/{id}/price',
  'put /api/courses/{id}/price',
  'delete /api/courses/{id}/price',
  'post /api/courses/{id}/checkout',
  'get /api/payments/{id}',
  'get /api/tenants/{tenantId}/payments',
  'get /api/tenants/{tenantId}/wallet',
  'post /api/payments/{id}/cancel',
  'post /api/payments/{id}/refunds',
  'get /api/tenants/{tenantId}/payouts',
  'post /api/tenants/{tenantId}/payouts',
  'post /api/payouts/{id}/approve',
  'post /api/payouts/{id}/reject',
  'post /api/payouts/{id}/paid',
  'get /api/tenants/{tenantId}/billing',
  'post /api/tenants/{tenantId}/billing/checkout',
  'post /api/tenants/{tenantId}/billing/portal',
  'get /api/tenants/{tenantId}/sponsorships',
  'post /api/tenants/{tenantId}/sponsorships',
  'get /api/sponsorships/{id}',
  'post /api/sponsorships/{id}/checkout',
  'get /api/sponsorships/{id}/progress',
  'get /api/courses/{id}/quizzes',
  'post /api/courses/{id}/quizzes',
  'get /api/quizzes/{id}',
  'patch /api/quizzes/{id}',
  'delete /api/quizzes/{id}',
  'get /api/quizzes/{id}/editor',
  'post /api/quizzes/{id}/questions',
  'put /api/questions/{id}',
  'delete /api/questions/{id}',
  'put /api/questions/{id}/position',
  'post /api/quizzes/{id}/attempts',
  'get /api/attempts/{id}',
  'put /api/attempts/{id}/answers/{questionId}',
  'post /api/attempts/{id}/submit',
  'get /api/quizzes/{id}/results',
  'post /api/quizzes/{id}/release',
  'get /api/tenants/{id}/rubrics',
  'post /api/tenants/{id}/rubrics',
  'get /api/rubrics/{id}',
  'put /api/rubrics/{id}',
  'delete /api/rubrics/{id}',
  'get /api/courses/{id}/assignments',
  'post /api/courses/{id}/assignments',
  'get /api/assignments/{id}',
  'patch /api/assignments/{id}',
  'delete /api/assignments/{id}',
  'put /api/assignments/{id}/submission',
  'get /api/assignments/{id}/submissions',
  'get /api/submissions/{id}',
  'put /api/submissions/{id}/grade',
  'post /api/assignments/{id}/release',
  'get /api/assignments/{id}/jobs',
  'post /api/assignments/{id}/jobs',
  'get /api/assignments/{id}/similarity',
  'get /api/similarity-pairs/{id}',
  'get /api/submissions/{id}/texts',
  'put /api/submissions/{id}/texts',
  'get /api/assignments/{id}/groups',
  'post /api/assignments/{id}/groups',
  'post /api/assignments/{id}/groups/random',
  'put /api/assignments/{id}/groups/members',
  'patch /api/assignment-groups/{id}',
  'delete /api/assignment-groups/{id}',
  'get /api/submissions/{id}/suggestions',
  'get /api/courses/{id}/gradebook',
  'put /api/courses/{id}/gradebook/categories',
  'put /api/courses/{id}/gradebook/overrides',
  'get /api/courses/{id}/progress',
  'get /api/courses/{id}/completion-rules',
  'put /api/courses/{id}/completion-rules',
  'post /api/courses/{id}/certificate',
  'get /api/courses/{id}/certificates',
  'get /api/tenants/{id}/certificates',
  'get /api/certificates/{id}',
  'get /api/certificates/{id}/pdf',
  'post /api/certificates/{id}/revoke',
  'get /api/verify/{code}',
  'get /api/tenants/{id}/audit',
  'get /api/tenants/{id}/audit/export',
  'get /api/me/export',
  'get /api/me/profile',
  'patch /api/me/profile',
  'get /api/tenants/{tenantId}/profiles/{userId}',
  'post /api/me/delete',
  'post /api/tenants/{id}/ownership',
  'get /api/tenants/{id}/export',
  'get /api/tenants/{id}/deletion',
  'post /api/tenants/{id}/deletion',
  'delete /api/tenants/{id}/deletion',
  'get /api/admin/school-deletions',
]

describe('GET /api/openapi.json', () => {
  it('is an OpenAPI 3.1 document of every route, with bearer auth and the error schema', async () => {
    const res = await api.call('GET', '/openapi.json')
    expect(res.status).toBe(200)
    const doc = res.body
    expect(doc.openapi).toBe('3.1.0')
    expect(doc.info.title).toBe('Kipindi API')
    expect(doc.servers[0].url).toBe('http://127.0.0.1:54321/functions/v1')
    const ops = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    )
    expect(ops.sort()).toEqual([...OPERATIONS].sort())
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' })
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message'])
    const me = doc.paths['/api/me'].get
    expect(me.security).toEqual([{ bearerAuth: [] }])
    expect(me.responses['401'].content['application/json'].schema.$ref).toBe('#/components/schemas/Error')
    expect(doc.paths['/api/health'].get.security).toBeUndefined()
    const create = doc.paths['/api/tenants'].post
    expect(create.requestBody.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/CreateTenant',
    )
    expect(doc.components.schemas.CreateTenant.additionalProperties).toBe(false)
    const query = doc.paths['/api/admin/tenants'].get.parameters
    expect(query.find((p: { name: string }) => p.name === 'offset').schema.type).toBe('integer')
    const params = doc.paths['/api/tenants/{id}/members/{userId}'].patch.parameters
    expect(params.map((p: { name: string; in: string }) => `${p.in}:${p.name}`)).toEqual([
      'path:id',
      'path:userId',
    ])
  })
})

describe('GET /api/docs', () => {
  it('is a self-contained HTML page listing every operation', async () => {
    const res = await api.call('GET', '/docs')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/text\/html/)
    for (const op of OPERATIONS) {
      const [method, path] = op.split(' ')
      expect(res.text).toContain(`${method.toUpperCase()}</span> <code>${path}</code>`)
    }
    expect(res.text).toContain('id="schema-Tenant"')
    expect(res.text).not.toMatch(/<script|https?:\/\/(?!127\.0\.0\.1)/)
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'none'")
    const nonce = /style-src 'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    expect(res.text).toContain(`<style nonce="${nonce}">`)
  })
})
