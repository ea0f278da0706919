import { describe, expect, it } from 'vitest'
import {
  isKeptOutline,
  keepAnswer,
  staleAfterWrite,
  staleCaches,
  strategyFor,
  withProgress,
} from './strategy.ts'

const ORIGIN = 'https://kipindi.example'
const API = `${ORIGIN}/functions/v1/api`
const get = (url: string, mode = 'cors') => strategyFor({ method: 'GET', url, mode }, ORIGIN)

describe('strategyFor', () => {
  it('keeps published lessons, lessons and course outlines, refreshing them in the background', () => {
    expect(get(`${API}/lessons/l1/published`)).toBe('stale-while-revalidate')
    expect(get(`${API}/lessons/l1`)).toBe('stale-while-revalidate')
    expect(get(`${API}/courses/c1`)).toBe('stale-while-revalidate')
    // The API on the hosted Supabase project's origin, as in production.
    expect(get('https://abc.supabase.co/functions/v1/api/lessons/l1/published')).toBe(
      'stale-while-revalidate',
    )
  })

  it('asks the network first for who I am and the config, keeping them for offline use', () => {
    expect(get(`${API}/me`)).toBe('network-first')
    expect(get(`${ORIGIN}/config.json`)).toBe('network-first')
  })

  it('never keeps other API answers, auth, storage or other people’s servers', () => {
    for (const url of [
      `${API}/lessons/l1/versions`,
      `${API}/courses/c1/enrolments`,
      `${API}/tenants/t1/courses`,
      `${API}/tickets/t1`,
      `${API}/courses/c1?x=1`,
      `${ORIGIN}/auth/v1/token?grant_type=refresh_token`,
      `${ORIGIN}/auth/v1/user`,
      `${ORIGIN}/storage/v1/object/covers/c1.png`,
      'https://cdn.example/assets/x.js',
      'http://abc.example/functions/v1/api/courses/c1',
    ]) {
      expect(get(url), url).toBe('passthrough')
    }
  })

  it('passes writes through, dropping kept copies when they touch courses or lessons', () => {
    const send = (method: string, url: string) => strategyFor({ method, url }, ORIGIN)
    expect(send('POST', `${API}/lessons/l1/publish`)).toBe('invalidate')
    expect(send('PUT', `${API}/courses/c1/order`)).toBe('invalidate')
    expect(send('patch', `${API}/modules/m1`)).toBe('invalidate')
    // Opening a lesson records progress: the copies kept for offline reading stay (see withProgress).
    expect(send('PUT', `${API}/lessons/l1/progress`)).toBe('progress')
    expect(send('POST', `${API}/tickets/t1/messages`)).toBe('passthrough')
    expect(send('POST', `${ORIGIN}/auth/v1/logout`)).toBe('passthrough')
    expect(send('POST', `${ORIGIN}/app`)).toBe('passthrough')
  })

  it('answers page loads with the network, else the shell, except server paths', () => {
    expect(get(`${ORIGIN}/t/demo/lessons/l1`, 'navigate')).toBe('navigate')
    expect(get(`${ORIGIN}/app`, 'navigate')).toBe('navigate')
    expect(get(`${ORIGIN}/auth/v1/verify?token=x&type=signup`, 'navigate')).toBe('passthrough')
    expect(get(`${ORIGIN}/functions/v1/api/me`, 'navigate')).toBe('network-first')
  })

  it('serves hashed assets from the cache first, and nothing else of this origin', () => {
    expect(get(`${ORIGIN}/assets/index-D41pl1XP.js`)).toBe('cache-first')
    expect(get(`${ORIGIN}/assets/index-kSXCodjJ.css`, 'no-cors')).toBe('cache-first')
    expect(get(`${ORIGIN}/sw.js`)).toBe('passthrough')
    expect(get(`${ORIGIN}/favicon.svg`, 'no-cors')).toBe('passthrough')
  })
})

describe('staleAfterWrite', () => {
  const kept = (path: string) => `${API}${path}`
  it('drops the outline of the course written to, and no other course', () => {
    expect(staleAfterWrite(kept('/courses/c1/order'), kept('/courses/c1'))).toBe(true)
    expect(staleAfterWrite(kept('/courses/c1/enrol'), kept('/courses/c1'))).toBe(true)
    expect(staleAfterWrite(kept('/courses/c1/enrol'), kept('/courses/c2'))).toBe(false)
    expect(staleAfterWrite(kept('/courses/c1/enrol'), kept('/lessons/l1/published'))).toBe(false)
  })
  it('drops a written lesson and every outline (titles, order), keeping other lessons', () => {
    expect(staleAfterWrite(kept('/lessons/l1/publish'), kept('/lessons/l1/published'))).toBe(true)
    expect(staleAfterWrite(kept('/lessons/l1'), kept('/lessons/l1'))).toBe(true)
    expect(staleAfterWrite(kept('/lessons/l1'), kept('/courses/c9'))).toBe(true)
    expect(staleAfterWrite(kept('/lessons/l1/publish'), kept('/lessons/l2/published'))).toBe(false)
    expect(staleAfterWrite(kept('/modules/m1'), kept('/courses/c1'))).toBe(true)
    expect(staleAfterWrite(kept('/modules/m1'), kept('/me'))).toBe(false)
  })
})

describe('caches', () => {
  it('deletes the caches of other builds on activate, keeping the kept answers', () => {
    const names = [
      'kipindi-shell-old',
      'kipindi-assets-old',
      'kipindi-shell-new',
      'kipindi-api-v1',
      'other-app',
    ]
    expect(staleCaches(names, 'new')).toEqual(['kipindi-shell-old', 'kipindi-assets-old'])
  })
  it('keeps 200s, drops the copy when access is gone, and leaves it on an expired token or an outage', () => {
    expect(keepAnswer(200)).toBe('keep')
    expect(keepAnswer(403)).toBe('drop')
    expect(keepAnswer(404)).toBe('drop')
    expect(keepAnswer(401)).toBe('leave')
    expect(keepAnswer(503)).toBe('leave')
  })
})

describe('withProgress', () => {
  const course = {
    id: 'c1',
    lessons: [{ id: 'l1' }, { id: 'l2' }],
    my_progress: [{ lesson_id: 'l1', completed_at: null }],
  }

  it('replaces the lesson’s row in the outline of its course', () => {
    const done = { lesson_id: 'l1', completed_at: '2026-12-05T10:00:00Z' }
    expect(withProgress(course, done)?.my_progress).toEqual([done])
    const other = { lesson_id: 'l2', completed_at: null }
    expect(withProgress(course, other)?.my_progress).toEqual([course.my_progress[0], other])
  })

  it('leaves the outline of another course alone', () => {
    expect(withProgress(course, { lesson_id: 'elsewhere' })).toBeUndefined()
  })

  it('knows a kept outline from the other kept answers', () => {
    expect(isKeptOutline('https://x.test/functions/v1/api/courses/c1')).toBe(true)
    expect(isKeptOutline('https://x.test/functions/v1/api/courses/c1/enrolments')).toBe(false)
    expect(isKeptOutline('https://x.test/functions/v1/api/lessons/l1')).toBe(false)
  })
})
