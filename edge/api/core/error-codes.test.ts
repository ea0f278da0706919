import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from './testing.ts'

// Real endpoints answer a specific code, the values its message needs in `details`, and the English
// message as before (DESIGN §4); validation issues carry zod's issue code and its values.

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const newSlug = () => unique('err-').toLowerCase().slice(0, 40)

describe('error codes and details', () => {
  it('validation issues keep path and message and gain the issue code and its values', async () => {
    const user = await createUser(sql)
    const res = await call('POST', '/tenants', { token: user.token, body: { name: 'A', slug: newSlug() } })
    expect(res.status).toBe(400)
    expect(res.body.error.code).toBe('validation_failed')
    expect(res.body.error.message).toBe('name: Use at least 2 characters.')
    expect(res.body.error.details.issues[0]).toEqual({
      path: 'name',
      message: 'Use at least 2 characters.',
      code: 'too_small',
      params: { minimum: 2, inclusive: true, origin: 'string' },
    })
  })

  it('a taken address is slug_taken on its field', async () => {
    const owner = await createUser(sql)
    const t = await createTenant(sql, owner)
    const res = await call('POST', '/tenants', {
      token: owner.token,
      body: { name: 'Another', slug: t.slug },
    })
    expect(res.status).toBe(409)
    expect(res.body.error).toEqual({
      code: 'slug_taken',
      message: 'That address is taken. Try another one.',
      details: { field: 'slug' },
    })
  })

  it('the last owner leaving is last_owner; a stranger gets school_not_found', async () => {
    const owner = await createUser(sql)
    const t = await createTenant(sql, owner)
    const leave = await call('DELETE', `/tenants/${t.id}/members/${owner.id}`, { token: owner.token })
    expect(leave.status).toBe(409)
    expect(leave.body.error.code).toBe('last_owner')
    const stranger = await createUser(sql)
    const hidden = await call('GET', `/tenants/${t.id}`, { token: stranger.token })
    expect(hidden.body.error).toEqual({
      code: 'school_not_found',
      message: 'No such school, or you are not a member of it.',
    })
  })

  it('an unknown route is not_found', async () => {
    const res = await call('GET', '/no-such-route')
    expect(res.status).toBe(404)
    expect(res.body.error.code).toBe('not_found')
  })
})
