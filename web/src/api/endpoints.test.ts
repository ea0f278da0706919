import { describe, expect, it, vi } from 'vitest'
import { routes } from '../../../edge/contract/routes/index.ts'
import type { Route } from '../../../edge/contract/routes/route.ts'
import { routeAt } from './endpoints.ts'

describe('endpoints', () => {
  it('finds every contract route by the path the app writes, whatever its parameters are called', async () => {
    for (const route of Object.values(routes) as Route[]) {
      expect(await routeAt(route.method, route.path.replace(/\{([^}]+)\}/g, ':$1'))).toBe(route)
      expect(await routeAt(route.method, route.path.replace(/\{[^}]+\}/g, ':x'))).toBe(route)
    }
    expect((await routeAt('get', '/tenants/:tenantId/courses')).path).toBe('/tenants/{id}/courses')
    expect((await routeAt('delete', '/sessions/:id/bookings/me')).path).toBe('/sessions/{id}/bookings/me')
  })

  it('refuses a path the contract does not have', async () => {
    await expect(routeAt('get', '/tenants/:id/nope')).rejects.toThrow(/No API route GET/)
    await expect(routeAt('put', '/me')).rejects.toThrow(/No API route PUT \/me/)
  })

  it("loads only the route's family, once, and again after it failed to load", async () => {
    vi.resetModules()
    const { families } = await import('../../../edge/contract/routes/families.ts')
    const { routeAt: freshRouteAt } = await import('./endpoints.ts')
    const loads = Object.fromEntries(
      Object.entries(families).map(([name, family]) => [name, vi.spyOn(family, 'load')]),
    )
    loads.tenancy.mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))

    await expect(freshRouteAt('get', '/me')).rejects.toMatchObject({ name: 'ApiError', code: 'network' })
    expect((await freshRouteAt('get', '/me')).path).toBe('/me')
    expect((await freshRouteAt('get', '/tenants/:id')).path).toBe('/tenants/{id}')
    expect(loads.tenancy).toHaveBeenCalledTimes(2)
    const others = Object.entries(loads).filter(
      ([name, load]) => name !== 'tenancy' && load.mock.calls.length,
    )
    expect(others).toEqual([])
  })
})
