import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiClient, fillPath } from './client.ts'
import { ApiError, apiErrorFrom, errorMessage } from './errors.ts'

type Call = { url: string; init: RequestInit }

function fakeFetch(status: number, body: unknown, calls: Call[] = []) {
  return (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)
    return new Response(status === 204 ? null : text, {
      status,
      headers: { 'content-type': 'application/json' },
    })
  }) as unknown as typeof fetch
}

const me = {
  user: {
    id: '00000000-0000-4000-a000-000000000004',
    email: 'g@x.org',
    display_name: 'Grace',
    platform_role: null,
    created_at: '2026-01-01',
  },
  memberships: [
    {
      tenant_id: '10000000-0000-4000-a000-000000000001',
      tenant_name: 'Demo',
      tenant_slug: 'demo',
      role: 'instructor',
    },
  ],
}

const client = (f: typeof fetch, token?: string) =>
  createApiClient({
    baseUrl: 'http://x/functions/v1/api/',
    anonKey: 'anon',
    getAccessToken: async () => token,
    fetch: f,
  })

describe('api client', () => {
  it('sends the bearer token and apikey and returns the parsed body', async () => {
    const calls: Call[] = []
    const res = await client(fakeFetch(200, me, calls), 'tok').get('/me')
    expect(res.memberships[0].role).toBe('instructor')
    expect(calls[0].url).toBe('http://x/functions/v1/api/me')
    expect(calls[0].init.headers).toMatchObject({ apikey: 'anon', authorization: 'Bearer tok' })
  })

  it('fills path parameters and the query string', async () => {
    const calls: Call[] = []
    await client(fakeFetch(200, { tenants: [], total: 0 }, calls)).get('/admin/tenants', {
      query: { q: 'demo academy', offset: undefined },
    })
    expect(calls[0].url).toBe('http://x/functions/v1/api/admin/tenants?q=demo+academy')
    expect(calls[0].init.headers).not.toHaveProperty('authorization')
    expect(fillPath('/tenants/:id/members/:userId', { id: 'a/b', userId: 'c' })).toBe(
      '/tenants/a%2Fb/members/c',
    )
    expect(() => fillPath('/tenants/:id', {})).toThrow(/id/)
  })

  it('accepts a wrapped list', async () => {
    const list = await client(fakeFetch(200, { members: [] })).get('/tenants/:id/members', {
      params: { id: 'x' },
    })
    expect(list).toEqual([])
  })

  it('sends JSON bodies', async () => {
    const calls: Call[] = []
    await client(fakeFetch(204, undefined, calls), 't').delete('/tenants/:id/members/:userId', {
      params: { id: 'a', userId: 'b' },
    })
    const member = {
      user_id: me.user.id,
      email: 'g@x.org',
      display_name: 'G',
      role: 'admin',
      joined_at: '2026-01-01',
    }
    await client(fakeFetch(200, member, calls), 't').patch(
      '/tenants/:id/members/:userId',
      { role: 'admin' },
      { params: { id: 'a', userId: 'b' } },
    )
    expect(calls[0].init.method).toBe('DELETE')
    expect(calls[1].init.body).toBe('{"role":"admin"}')
    expect(calls[1].init.headers).toMatchObject({ 'content-type': 'application/json' })
  })

  it('sends PUT bodies (course order, co-author roles)', async () => {
    const calls: Call[] = []
    await client(fakeFetch(204, undefined, calls), 't').put(
      '/courses/:id/authors/:userId',
      { role: 'viewer' },
      { params: { id: 'c1', userId: 'u1' } },
    )
    expect(calls[0].url).toBe('http://x/functions/v1/api/courses/c1/authors/u1')
    expect(calls[0].init.method).toBe('PUT')
    expect(calls[0].init.body).toBe('{"role":"viewer"}')
  })

  it("reads a room's join answer: a way in (200) or the waiting room (202)", async () => {
    const calls: Call[] = []
    const p2p = {
      transport: 'p2p',
      room: 'session:s1',
      ice_servers: [],
      identity: me.user.id,
      role: 'participant',
      max_peers: 4,
    }
    const params = { params: { id: 's1' } }
    expect(await client(fakeFetch(200, p2p, calls), 't').post('/sessions/:id/join', {}, params)).toEqual(p2p)
    expect(
      await client(fakeFetch(202, { status: 'waiting' }), 't').post('/sessions/:id/join', {}, params),
    ).toEqual({ status: 'waiting' })
    expect(calls[0].url).toBe('http://x/functions/v1/api/sessions/s1/join')
    expect(calls[0].init.body).toBe('{}')
  })
  it('throws the server message, code and field issues', async () => {
    const body = {
      error: {
        code: 'validation_failed',
        message: 'slug: Use at least 3 characters.',
        details: { issues: [{ path: 'slug', message: 'Use at least 3 characters.' }] },
      },
    }
    const err = await client(fakeFetch(400, body))
      .post('/tenants', { name: 'AB', slug: 'a' })
      .catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(400)
    expect(err.code).toBe('validation_failed')
    expect(err.message).toBe('slug: Use at least 3 characters.')
    expect(err.fieldErrors()).toEqual({ slug: 'Use at least 3 characters.' })
  })

  it('explains a network failure and an unexpected answer', async () => {
    const offline = (async () => {
      throw new TypeError('Failed to fetch')
    }) as unknown as typeof fetch
    const err = await client(offline)
      .get('/me')
      .catch((e) => e)
    expect(err.code).toBe('network')
    expect(err.message).toMatch(/connection/)
    const odd = await client(fakeFetch(200, { user: null }))
      .get('/me')
      .catch((e) => e)
    expect(odd.code).toBe('unexpected_response')
    expect(odd.message).toMatch(/user/)
  })
})

describe('apiErrorFrom', () => {
  it('maps a 409 naming its field to a field issue', () => {
    const err = apiErrorFrom(409, {
      error: { code: 'conflict', message: 'That address is taken.', details: { field: 'slug' } },
    })
    expect(err.fieldErrors()).toEqual({ slug: 'That address is taken.' })
  })

  it('never has an empty message', () => {
    expect(apiErrorFrom(502, '<html>Bad gateway</html>').message).toMatch(/our side/)
    expect(apiErrorFrom(403, { error: { code: 'forbidden', message: '' } }).message).toBe(
      'You do not have access to this.',
    )
    expect(apiErrorFrom(404, undefined).code).toBe('http_404')
  })
})

describe('errorMessage', () => {
  it('reads any thrown value', () => {
    expect(errorMessage(new ApiError({ status: 403, code: 'forbidden', message: 'No.' }))).toBe('No.')
    expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/connection/)
    expect(errorMessage({ message: 'Invalid login credentials' })).toBe('Invalid login credentials')
    expect(errorMessage(undefined)).toMatch(/Something went wrong/)
    expect(errorMessage(new Error(''))).toMatch(/Something went wrong/)
  })
})

describe("answers checked against their route family's schemas", () => {
  afterEach(() => vi.restoreAllMocks())

  it('is a network error when the family does not load, and the next call loads it again', async () => {
    vi.resetModules()
    const { families } = await import('../../../edge/contract/routes/families.ts')
    const { createApiClient: create } = await import('./client.ts')
    const load = vi
      .spyOn(families.tenancy, 'load')
      .mockRejectedValueOnce(new TypeError('Failed to fetch dynamically imported module'))
    const api = create({
      baseUrl: 'http://x/functions/v1/api',
      anonKey: 'anon',
      getAccessToken: async () => undefined,
      fetch: fakeFetch(200, me),
    })
    expect(await api.get('/me').catch((e) => e)).toMatchObject({ name: 'ApiError', code: 'network' })
    expect((await api.get('/me')).user.email).toBe('g@x.org')
    expect(load).toHaveBeenCalledTimes(2)
  })
})

describe('answers checked after they are returned (the built app)', () => {
  it('returns the answer at once and reports a misfit when idle', async () => {
    const reported: unknown[] = []
    const api = createApiClient({
      baseUrl: 'http://x/functions/v1/api',
      anonKey: 'anon',
      getAccessToken: async () => undefined,
      fetch: fakeFetch(200, { user: null }),
      checkAnswers: 'after',
      onUnexpectedAnswer: (error) => reported.push(error),
    })
    expect(await api.get('/me')).toEqual({ user: null })
    await expect.poll(() => reported.length).toBe(1)
    expect((reported[0] as ApiError).code).toBe('unexpected_response')
  })
})

describe('answers checked in a worker (the built app in a browser)', () => {
  /** A browser's Worker as the client sees it: it fails to load, finds a misfit, or cannot check. */
  type Behaviour = 'fails' | 'misfit' | 'unchecked'
  function fakeWorker(behaviour: Behaviour) {
    return class {
      onmessage: ((event: MessageEvent) => void) | null = null
      onerror: (() => void) | null = null
      postMessage(request: { id: number }) {
        setTimeout(() => {
          if (behaviour === 'fails') this.onerror?.()
          else if (behaviour === 'unchecked')
            this.onmessage?.({ data: { id: request.id, unchecked: true } } as MessageEvent)
          else
            this.onmessage?.({
              data: { id: request.id, misfit: { status: 200, code: 'unexpected_response', message: 'No.' } },
            } as MessageEvent)
        }, 0)
      }
      terminate() {}
    }
  }

  async function clientWith(behaviour: Behaviour) {
    vi.resetModules()
    vi.stubGlobal('Worker', fakeWorker(behaviour))
    const { createApiClient: create } = await import('./client.ts')
    const reported: unknown[] = []
    const api = create({
      baseUrl: 'http://x/functions/v1/api',
      anonKey: 'anon',
      getAccessToken: async () => undefined,
      fetch: fakeFetch(200, { user: null }),
      checkAnswers: 'after',
      onUnexpectedAnswer: (error) => reported.push(error),
    })
    return { api, reported }
  }

  afterEach(() => vi.unstubAllGlobals())

  it("reports the worker's misfit as an ApiError", async () => {
    const { api, reported } = await clientWith('misfit')
    expect(await api.get('/me')).toEqual({ user: null })
    await expect.poll(() => reported.length).toBe(1)
    expect(reported[0]).toMatchObject({ name: 'ApiError', code: 'unexpected_response', message: 'No.' })
  })

  it('checks in this thread when the worker cannot load', async () => {
    const { api, reported } = await clientWith('fails')
    expect(await api.get('/me')).toEqual({ user: null })
    await expect.poll(() => reported.length).toBe(1)
    expect((reported[0] as ApiError).code).toBe('unexpected_response')
  })

  it("checks in this thread what the worker could not (its route's family did not load there)", async () => {
    const { api, reported } = await clientWith('unchecked')
    expect(await api.get('/me')).toEqual({ user: null })
    await expect.poll(() => reported.length).toBe(1)
    expect((reported[0] as ApiError).code).toBe('unexpected_response')
  })
})
