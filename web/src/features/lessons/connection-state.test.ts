import { describe, expect, it } from 'vitest'
import { closeAction, connectionState } from './connection-state.ts'

const base = { ended: false, online: true, connected: false, synced: false, everSynced: false }

describe('connectionState', () => {
  it('walks connecting → connected → reconnecting', () => {
    expect(connectionState(base)).toBe('connecting')
    expect(connectionState({ ...base, connected: true })).toBe('connecting')
    expect(connectionState({ ...base, connected: true, synced: true, everSynced: true })).toBe('connected')
    expect(connectionState({ ...base, everSynced: true })).toBe('reconnecting')
  })

  it('says offline when the browser is, and ended above all', () => {
    expect(connectionState({ ...base, online: false, everSynced: true })).toBe('offline')
    expect(connectionState({ ...base, ended: true, online: false })).toBe('ended')
  })
})

describe('closeAction', () => {
  it('maps the realtime close codes', () => {
    expect(closeAction(4401)).toBe('reauth')
    expect(closeAction(4403)).toBe('revoked')
    expect(closeAction(4404)).toBe('gone')
    expect(closeAction(1009)).toBe('too-big')
    expect(closeAction(4400)).toBe('refused')
  })

  it('retries what a reconnect can fix', () => {
    expect(closeAction(1001)).toBe('retry')
    expect(closeAction(1006)).toBe('retry')
    expect(closeAction(1011)).toBe('retry')
    expect(closeAction(4500)).toBe('retry')
  })
})
