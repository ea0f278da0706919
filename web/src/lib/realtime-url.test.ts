import { describe, expect, it } from 'vitest'
import { lessonCacheName, lessonRoom, yjsServerUrl } from './realtime-url.ts'

describe('yjsServerUrl', () => {
  it('maps http to ws and https to wss on the same origin', () => {
    expect(yjsServerUrl('http://localhost:3000')).toBe('ws://localhost:3000/realtime/v1/yjs')
    expect(yjsServerUrl('https://abc.supabase.co/')).toBe('wss://abc.supabase.co/realtime/v1/yjs')
  })

  it('keeps a path prefix and drops query and hash', () => {
    expect(yjsServerUrl('https://school.example/kipindi/?x=1#y')).toBe(
      'wss://school.example/kipindi/realtime/v1/yjs',
    )
  })

  it('names rooms and caches by lesson', () => {
    expect(lessonRoom('abc')).toBe('lesson:abc')
    expect(lessonCacheName('abc')).toBe('kipindi-lesson:abc')
  })
})
