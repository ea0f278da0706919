import { afterEach, describe, expect, it, vi } from 'vitest'
import { createLogger, logFormatFromEnv } from './log.ts'

// One logger, two shapes: text for a terminal, JSON lines (LOG_FORMAT=json) for a log collector,
// with the request id and errors as fields.

afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllEnvs()
})

describe('createLogger', () => {
  it('writes one JSON object per line with LOG_FORMAT=json, errors as name and message', () => {
    const out = vi.spyOn(console, 'error').mockImplementation(() => {})
    createLogger('gateway', 'json').error('request failed', {
      requestId: 'req-12345678',
      error: new TypeError('boom'),
    })
    const line = JSON.parse(String(out.mock.calls[0]?.[0]))
    expect(line).toMatchObject({
      component: 'gateway',
      level: 'error',
      message: 'request failed',
      requestId: 'req-12345678',
      error: { name: 'TypeError', message: 'boom' },
    })
    expect(Number.isNaN(Date.parse(line.time))).toBe(false)
  })

  it('writes text by default, and survives fields that cannot be serialised', () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => {})
    const loop: Record<string, unknown> = {}
    loop.self = loop
    createLogger('realtime', 'text').info('hello', { n: 1 })
    createLogger('realtime', 'json').info('loop', loop)
    expect(String(out.mock.calls[0]?.[0])).toMatch(/^\S+ realtime info hello \{"n":1\}$/)
    expect(JSON.parse(String(out.mock.calls[1]?.[0]))).toMatchObject({
      message: 'loop',
      fields: 'not serialisable',
    })
  })

  it('reads LOG_FORMAT from the environment', () => {
    vi.stubEnv('LOG_FORMAT', 'json')
    expect(logFormatFromEnv()).toBe('json')
    vi.stubEnv('LOG_FORMAT', 'yaml')
    expect(logFormatFromEnv()).toBe('text')
  })
})
