import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AnswerBody } from '../../../../../edge/contract/assessments.ts'
import { createAnswerSaver, type SaveState } from './answer-saver.ts'
import { unsentAnswers } from './unsent.ts'

const failure = (status: number, code = 'x') => Object.assign(new Error(code), { status, code })

function setup(reply: (body: AnswerBody, call: number) => Promise<unknown> = () => Promise.resolve({})) {
  const sent: [string, AnswerBody][] = []
  const states: Record<string, SaveState[]> = {}
  const stops: unknown[] = []
  const kept = new Map<string, AnswerBody>()
  const saver = createAnswerSaver({
    send: (q, body) => {
      sent.push([q, body])
      return reply(body, sent.length)
    },
    onState: (q, state) => {
      states[q] = [...(states[q] ?? []), state]
    },
    onStop: (error) => stops.push(error),
    keep: { put: (q, b) => kept.set(q, b), drop: (q) => kept.delete(q) },
    retryDelay: () => 1_000,
  })
  return { saver, sent, states, stops, kept }
}

beforeEach(() => vi.useFakeTimers())
afterEach(() => vi.useRealTimers())

describe('saving answers', () => {
  it('sends a choice at once and typing once the keys stop for 600 ms, only the newest text', async () => {
    const { saver, sent, states, kept } = setup()
    saver.change('q1', { choice_ids: ['a'] })
    saver.change('q2', { text: 'Nai' }, { debounce: true })
    await vi.advanceTimersByTimeAsync(300)
    saver.change('q2', { text: 'Nairobi' }, { debounce: true })
    await vi.advanceTimersByTimeAsync(599)
    expect(sent).toEqual([['q1', { choice_ids: ['a'] }]])
    await vi.advanceTimersByTimeAsync(1)
    expect(sent[1]).toEqual(['q2', { text: 'Nairobi' }])
    expect(states.q1).toEqual(['pending', 'saving', 'saved'])
    expect(states.q2.at(-1)).toBe('saved')
    expect(kept.size).toBe(0)
  })

  it('sends one request at a time per question, then the newest answer', async () => {
    let release: () => void = () => {}
    const { saver, sent, states } = setup((_, call) =>
      call === 1 ? new Promise((r) => (release = () => r({}))) : Promise.resolve({}),
    )
    saver.change('q1', { choice_ids: ['a'] })
    saver.change('q1', { choice_ids: ['b'] })
    saver.change('q1', { choice_ids: ['c'] })
    expect(sent).toHaveLength(1)
    release()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent.map(([, b]) => b)).toEqual([{ choice_ids: ['a'] }, { choice_ids: ['c'] }])
    expect(states.q1.at(-1)).toBe('saved')
  })

  it('tries again while the network fails, and keeps the answer until it is saved', async () => {
    let down = true
    const { saver, sent, states, kept } = setup(() =>
      down ? Promise.reject(failure(0, 'network')) : Promise.resolve({}),
    )
    saver.change('q1', { bool: true })
    await vi.advanceTimersByTimeAsync(0)
    expect(states.q1.at(-1)).toBe('retrying')
    expect(kept.get('q1')).toEqual({ bool: true })
    await vi.advanceTimersByTimeAsync(1_000)
    expect(sent).toHaveLength(2)
    down = false
    saver.retryNow()
    await vi.advanceTimersByTimeAsync(0)
    expect(sent).toHaveLength(3)
    expect(states.q1.at(-1)).toBe('saved')
    expect(kept.size).toBe(0)
    expect(saver.unsaved()).toBe(0)
  })

  it('stops everything on a 409 (time up), and marks only that question on a 400', async () => {
    const { saver, sent, states, stops } = setup((body) =>
      body.text === 'long' ? Promise.reject(failure(400)) : Promise.reject(failure(409, 'time_up')),
    )
    saver.change('q1', { text: 'long' })
    await vi.advanceTimersByTimeAsync(0)
    expect(states.q1.at(-1)).toBe('refused')
    expect(stops).toEqual([])
    saver.change('q2', { bool: false })
    await vi.advanceTimersByTimeAsync(0)
    expect(stops).toHaveLength(1)
    saver.change('q3', { bool: true })
    await vi.advanceTimersByTimeAsync(5_000)
    expect(sent).toHaveLength(2)
  })

  it('flushes what is waiting before a submit, and says whether all is saved', async () => {
    let ok = true
    const { saver, sent } = setup(() => (ok ? Promise.resolve({}) : Promise.reject(failure(503))))
    saver.change('q1', { text: 'Moi' }, { debounce: true })
    expect(await saver.flush()).toBe(true)
    expect(sent).toEqual([['q1', { text: 'Moi' }]])
    ok = false
    saver.change('q2', { number: 4 }, { debounce: true })
    expect(await saver.flush()).toBe(false)
    expect(saver.unsaved()).toBe(1)
  })
})

describe('unsent answers', () => {
  it('are kept per attempt until dropped, and survive a broken store', () => {
    const data = new Map<string, string>()
    const store = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => void data.set(k, v),
      removeItem: (k: string) => void data.delete(k),
    }
    const a = unsentAnswers('a1', store)
    a.put('q1', { text: 'x' })
    a.put('q2', { bool: true })
    a.drop('q1')
    expect(unsentAnswers('a1', store).read()).toEqual({ q2: { bool: true } })
    expect(unsentAnswers('a2', store).read()).toEqual({})
    a.clear()
    expect(data.size).toBe(0)
    data.set('kipindi.quiz-unsent:a3', '{not json')
    expect(unsentAnswers('a3', store).read()).toEqual({})
    expect(unsentAnswers('a4', undefined).read()).toEqual({})
  })
})
