import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../../test/support/fixtures.ts'
import { AI_DEFAULTS } from '../../contract/ai-values.ts'
import { setupApi } from '../core/testing.ts'
import { type AiSchool, aiSchool, geminiBody } from './testing.ts'

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let s: AiSchool
beforeAll(async () => {
  s = await aiSchool(sql, call)
})

const status = (who: { token: string }, query = '', tenantId = s.tenant.id) =>
  call('GET', `/tenants/${tenantId}/ai/status${query}`, { token: who.token })

describe('GET /api/tenants/:tenantId/ai/status', () => {
  it('tells a student the defaults: hints, lessons only, today’s count and its reset', async () => {
    const res = await status(s.student)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      mode: 'hints',
      ai_available: false,
      daily_limit: AI_DEFAULTS.student_daily_limit,
      used_today: 0,
    })
    const resets = Date.parse(res.body.resets_at)
    expect(resets).toBeGreaterThan(Date.now())
    expect(resets - Date.now()).toBeLessThanOrEqual(24 * 3600_000)
  })

  it("counts today's questions and follows the course's mode and the school's limit", async () => {
    await sql`select private.ai_take_quota(${s.tenant.id}, ${s.student.id}, 50)`
    await sql`select private.ai_take_quota(${s.tenant.id}, ${s.student.id}, 50)`
    await sql`insert into public.course_tutor_settings (course_id, mode) values (${s.course}, 'answers')`
    await sql`insert into private.ai_settings (tenant_id, student_daily_limit) values (${s.tenant.id}, 7)`
    const res = await status(s.student, `?course_id=${s.course}`)
    expect(res.body).toMatchObject({ mode: 'answers', daily_limit: 7, used_today: 2 })
    expect((await status(s.classmate)).body.used_today).toBe(0)
  })

  it('is ai_available with an enabled provider while the month is under budget', async () => {
    const created = await call('POST', `/tenants/${s.tenant.id}/ai/providers`, {
      token: s.admin.token,
      body: geminiBody(),
    })
    expect(created.status).toBe(201)
    expect((await status(s.student)).body.ai_available).toBe(true)
    await sql`select private.ai_record_usage(${s.tenant.id}, 'Gemini', 1, 1500000, 600000, 0, 0)`
    expect((await status(s.student)).body.ai_available).toBe(false)
    await sql`update private.ai_settings set monthly_token_budget = 5000000 where tenant_id = ${s.tenant.id}`
    expect((await status(s.student)).body.ai_available).toBe(true)
    await sql`update private.ai_providers set enabled = false where tenant_id = ${s.tenant.id}`
    expect((await status(s.student)).body.ai_available).toBe(false)
  })

  it('404 outside the school or for a course of another school; 400 for a bad course id', async () => {
    expect((await status(s.stranger)).status).toBe(404)
    const foreign = await call('POST', `/tenants/${s.other.id}/courses`, {
      token: s.stranger.token,
      body: { title: 'Elsewhere' },
    })
    const res = await status(s.student, `?course_id=${foreign.body.id}`)
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('course_not_found')
    const bad = await status(s.student, '?course_id=nope')
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues[0].path).toBe('course_id')
  })
})

describe('the platform key', () => {
  it('makes AI available to schools without a provider', async () => {
    const withKey = await setupApi({ GEMINI_API_KEY: 'platform-key-for-tests' })
    try {
      const owner = await createUser(sql)
      const [t] = await sql`
        insert into public.tenants (name, slug, created_by) values ('Keyed', ${`keyed-${owner.id.slice(0, 8)}`}, ${owner.id})
        returning id`
      const res = await withKey.call('GET', `/tenants/${t?.id}/ai/status`, { token: owner.token })
      expect(res.body.ai_available).toBe(true)
      const settings = await withKey.call('GET', `/tenants/${t?.id}/ai/settings`, { token: owner.token })
      expect(settings.body.platform_default).toBe(true)
    } finally {
      await withKey.close()
    }
  })
})

describe('GET/PUT /api/courses/:id/tutor', () => {
  const get = (who: { token: string }, id = s.otherCourse) =>
    call('GET', `/courses/${id}/tutor`, { token: who.token })
  const put = (who: { token: string }, body: object, id = s.otherCourse) =>
    call('PUT', `/courses/${id}/tutor`, { token: who.token, body })

  it('is hints until an editor or an admin changes it', async () => {
    expect((await get(s.colleague)).body).toEqual({ mode: 'hints' })
    const editor = await put(s.colleague, { mode: 'answers' })
    expect(editor.status).toBe(200)
    expect(editor.body).toEqual({ mode: 'answers' })
    const admin = await put(s.admin, { mode: 'hints' })
    expect(admin.status).toBe(200)
    expect(admin.body).toEqual({ mode: 'hints' })
    const [row] =
      await sql`select mode, updated_by from public.course_tutor_settings where course_id = ${s.otherCourse}`
    expect(row).toEqual({ mode: 'hints', updated_by: s.admin.id })
  })

  it('is read by enrolled students and instructors; 403 for students not enrolled', async () => {
    await put(s.teacher, { mode: 'answers' }, s.course)
    expect((await get(s.student, s.course)).body).toEqual({ mode: 'answers' })
    expect((await get(s.colleague, s.course)).body).toEqual({ mode: 'answers' })
    const notEnrolled = await get(s.student, s.otherCourse)
    expect(notEnrolled.status).toBe(403)
    expect(notEnrolled.body.error.code).toBe('enrol_required')
  })

  it('403 for instructors of other courses and students, 404 for other schools, 400 for a bad mode', async () => {
    for (const who of [s.teacher, s.student, s.staff]) {
      const res = await put(who, { mode: 'answers' })
      expect(res.status).toBe(403)
      expect(res.body.error.code).toBe('course_managers_only')
    }
    expect((await put(s.stranger, { mode: 'answers' })).status).toBe(404)
    expect((await get(s.stranger)).status).toBe(404)
    const bad = await put(s.colleague, { mode: 'solutions', extra: 1 })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'extra',
      'mode',
    ])
    expect((await get(s.colleague)).body).toEqual({ mode: 'hints' })
  })
})
