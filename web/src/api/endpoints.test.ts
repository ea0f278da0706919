import { describe, expect, it } from 'vitest'
import { routes } from '../../../edge/contract/routes/index.ts'
import { routeAt } from './endpoints.ts'

describe('endpoints', () => {
  it('finds every contract route by the path the app writes, whatever its parameters are called', () => {
    for (const route of Object.values(routes)) {
      expect(routeAt(route.method, route.path.replace(/\{([^}]+)\}/g, ':$1'))).toBe(route)
      expect(routeAt(route.method, route.path.replace(/\{[^}]+\}/g, ':x'))).toBe(route)
    }
    expect(routeAt('get', '/tenants/:tenantId/courses').path).toBe('/tenants/{id}/courses')
    expect(routeAt('delete', '/sessions/:id/bookings/me').path).toBe('/sessions/{id}/bookings/me')
  })

  it('refuses a path the contract does not have', () => {
    expect(() => routeAt('get', '/tenants/:id/nope')).toThrow(/No API route GET/)
    expect(() => routeAt('put', '/me')).toThrow(/No API route PUT \/me/)
  })
})
