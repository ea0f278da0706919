import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../../edge/contract/close-codes.ts'
import {
  backoffDelay,
  createReauthPolicy,
  MAX_AUTH_RETRIES,
  sessionToken,
  watchNetwork,
} from './reconnect.ts'

describe('backoff', () => {
  it('backs off exponentially, capped, with jitter', () => {
    expect(backoffDelay(0, 500, 15_000, () => 1)).toBe(500)
    expect(backoffDelay(3, 500, 15_000, () => 1)).toBe(4000)
    expect(backoffDelay(10, 500, 15_000, () => 1)).toBe(15_000)
    expect(backoffDelay(10, 500, 15_000, () => 0)).toBe(7500)
  })
})

describe('reauth policy', () => {
  it('asks for a refreshed token after 4401, and gives up after too many in a row', () => {
    const policy = createReauthPolicy()
    for (let i = 0; i < MAX_AUTH_RETRIES; i++)
      expect(policy.afterClose(CloseCode.UNAUTHORIZED)).toBe('reauth')
    expect(policy.afterClose(CloseCode.UNAUTHORIZED)).toBe('signed-out')
  })

  it('counts again from zero once the server accepted the connection', () => {
    const policy = createReauthPolicy(1)
    expect(policy.afterClose(CloseCode.UNAUTHORIZED)).toBe('reauth')
    policy.accepted()
    expect(policy.afterClose(CloseCode.UNAUTHORIZED)).toBe('reauth')
    expect(policy.afterClose(CloseCode.UNAUTHORIZED)).toBe('signed-out')
  })

  it('leaves every other close to the caller', () => {
    const policy = createReauthPolicy(0)
    for (const code of [1001, 1006, CloseCode.TOO_BIG, CloseCode.FORBIDDEN, CloseCode.UNKNOWN_DOCUMENT])
      expect(policy.afterClose(code)).toBe('reconnect')
  })
})

describe('session token', () => {
  const auth = (current: string | null, refreshed: string | null) => {
    const calls: string[] = []
    const answer = (token: string | null) => ({ data: { session: token ? { access_token: token } : null } })
    return {
      calls,
      auth: {
        getSession: async () => {
          calls.push('get')
          return answer(current)
        },
        refreshSession: async () => {
          calls.push('refresh')
          return answer(refreshed)
        },
      },
    }
  }

  it('reads the current token, and refreshes it only when asked', async () => {
    const a = auth('old', 'new')
    const token = sessionToken(a.auth)
    expect(await token(false)).toBe('old')
    expect(await token(true)).toBe('new')
    expect(a.calls).toEqual(['get', 'refresh'])
  })

  it('answers undefined when signed out', async () => {
    expect(await sessionToken(auth(null, null).auth)(true)).toBeUndefined()
  })
})

describe('network watch', () => {
  it('calls online and offline until stopped', () => {
    const target = new EventTarget()
    const seen: string[] = []
    const stop = watchNetwork(
      { online: () => seen.push('online'), offline: () => seen.push('offline') },
      target,
    )
    target.dispatchEvent(new Event('offline'))
    target.dispatchEvent(new Event('online'))
    stop()
    target.dispatchEvent(new Event('offline'))
    expect(seen).toEqual(['offline', 'online'])
  })
})
