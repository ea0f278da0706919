import { describe, expect, it } from 'vitest'
import { forgetPendingWrites, hasPendingWrites, localStore, type PendingWrite, pendingKey } from './store.ts'

function memoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial))
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
    key: (i: number) => [...data.keys()][i] ?? null,
    get length() {
      return data.size
    },
  }
}

const write = (id: string): PendingWrite<{ body: string }> => ({
  id,
  scope: 't1',
  payload: { body: id },
  createdAt: '2026-12-05T10:00:00.000Z',
  state: 'waiting',
})

describe('localStore', () => {
  it("keeps a person's list under their own key, and drops the key when the list is empty", () => {
    const storage = memoryStorage()
    const key = pendingKey('ticket-messages', 'user-1')
    const store = localStore<{ body: string }>(key, storage, undefined)
    store.write([write('a'), write('b')])
    expect(
      localStore(key, storage, undefined)
        .read()
        .map((w) => w.id),
    ).toEqual(['a', 'b'])
    expect(localStore(pendingKey('ticket-messages', 'user-2'), storage, undefined).read()).toEqual([])
    expect(hasPendingWrites('ticket-messages', 'user-1', storage)).toBe(true)
    store.write([])
    expect(storage.data.has(key)).toBe(false)
    expect(hasPendingWrites('ticket-messages', 'user-1', storage)).toBe(false)
  })

  it('reads a damaged entry as empty', () => {
    const storage = memoryStorage({ k: '{not json', j: '{"a":1}' })
    expect(localStore('k', storage, undefined).read()).toEqual([])
    expect(localStore('j', storage, undefined).read()).toEqual([])
  })

  it('keeps the list in memory when storage refuses it (private mode, full)', () => {
    const storage = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError')
      },
    }
    const store = localStore<{ body: string }>('k', storage, undefined)
    store.write([write('a')])
    expect(store.read().map((w) => w.id)).toEqual(['a'])
  })
})

describe('forgetPendingWrites', () => {
  it("deletes every person's queues and nothing else", () => {
    const storage = memoryStorage({
      [pendingKey('ticket-messages', 'u1')]: '[]',
      [pendingKey('quiz-answers', 'u2')]: '[]',
      'kipindi.theme': 'dark',
    })
    forgetPendingWrites(storage)
    expect([...storage.data.keys()]).toEqual(['kipindi.theme'])
  })
})
