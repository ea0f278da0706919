import { describe, expect, it } from 'vitest'
import { MAX_SERVER_ERRORS } from './failures.ts'
import { type Lock, tabLock } from './lock.ts'
import { createPendingWrites, SENDING_LEASE_MS } from './queue.ts'
import { localStore, type PendingWrite } from './store.ts'

type Payload = { body: string }
type Listener = (e: { key: string | null }) => void

/** One browser's localStorage seen from several tabs: a change in one fires `storage` in the others. */
function browser() {
  const data = new Map<string, string>()
  const tabs = new Set<Set<Listener>>()
  function tab() {
    const listeners = new Set<Listener>()
    tabs.add(listeners)
    const others = (key: string) => {
      for (const t of tabs) if (t !== listeners) for (const l of t) setTimeout(() => l({ key }), 0)
    }
    const storage = {
      getItem: (k: string) => data.get(k) ?? null,
      setItem: (k: string, v: string) => {
        data.set(k, v)
        others(k)
      },
      removeItem: (k: string) => {
        data.delete(k)
        others(k)
      },
      key: (i: number) => [...data.keys()][i] ?? null,
      get length() {
        return data.size
      },
    }
    const target = {
      addEventListener: (_: string, l: Listener) => listeners.add(l),
      removeEventListener: (_: string, l: Listener) => listeners.delete(l),
    }
    return { storage, target } as unknown as { storage: Storage; target: Window }
  }
  return { data, tab }
}

/** A server that stores each client id once (as the API does) and counts every request. */
function server() {
  const requests: string[] = []
  const stored = new Map<string, string>()
  let answer: (w: PendingWrite<Payload>) => Promise<void> = async () => {}
  return {
    requests,
    stored,
    /** What the next requests meet: a network error, a refusal, a slow answer… */
    set(fn: (w: PendingWrite<Payload>) => Promise<void>) {
      answer = fn
    },
    async send(w: PendingWrite<Payload>) {
      requests.push(w.payload.body)
      await answer(w)
      if (!stored.has(w.id)) stored.set(w.id, w.payload.body)
      return { id: w.id, body: stored.get(w.id) }
    },
  }
}

const apiError = (status: number, message = '') =>
  Object.assign(new Error(message), { status, code: `http_${status}` })
const settle = () => new Promise((resolve) => setTimeout(resolve, 5))

function clock() {
  let time = 1_000_000
  const timers: { at: number; fn: () => void }[] = []
  return {
    now: () => time,
    later: (fn: () => void, ms: number) => {
      const timer = { at: time + ms, fn }
      timers.push(timer)
      return () => timers.splice(timers.indexOf(timer), 1)
    },
    /** Moves time on, running the timers that came due. */
    advance(ms: number) {
      time += ms
      for (const t of timers.filter((x) => x.at <= time)) {
        timers.splice(timers.indexOf(t), 1)
        t.fn()
      }
    },
  }
}

interface Tab {
  storage: Storage
  target: Window
}

function queue(
  tab: Tab,
  srv: ReturnType<typeof server>,
  opts: { online?: () => boolean; lock?: Lock; clock?: ReturnType<typeof clock> } = {},
) {
  const online = new Set<() => void>()
  const c = opts.clock ?? clock()
  const q = createPendingWrites<Payload, { id: string; body: string | undefined }>({
    name: 'test',
    store: localStore('kipindi.pending.test.u1', tab.storage, tab.target),
    send: (w) => srv.send(w),
    isOnline: opts.online ?? (() => true),
    onOnline: (fn) => {
      online.add(fn)
      return () => online.delete(fn)
    },
    lock: opts.lock ?? tabLock(),
    now: c.now,
    later: c.later,
  })
  const goOnline = () => {
    for (const fn of online) fn()
  }
  return Object.assign(q, { goOnline })
}

describe('pending writes', () => {
  it('sends writes in the order written, each once, and tells who listens', async () => {
    const srv = server()
    const q = queue(browser().tab(), srv)
    const answers: string[] = []
    q.onSent((_, answer) => answers.push(String(answer.body)))
    q.add('t1', { body: 'one' })
    q.add('t1', { body: 'two' })
    q.add('t2', { body: 'three' })
    await q.flush()
    expect(srv.requests).toEqual(['one', 'two', 'three'])
    expect(answers).toEqual(['one', 'two', 'three'])
    expect(q.list()).toEqual([])
  })

  it('keeps writes made offline across a reload and sends them when the browser is back online', async () => {
    const b = browser()
    const srv = server()
    let online = false
    const first = queue(b.tab(), srv, { online: () => online })
    const shown: string[][] = []
    first.subscribe((list) => shown.push(list.map((w) => `${w.payload.body}:${w.state}`)))
    first.add('t1', { body: 'offline one' })
    first.add('t1', { body: 'offline two' })
    await settle()
    expect(srv.requests).toEqual([])
    expect(shown.at(-1)).toEqual(['offline one:waiting', 'offline two:waiting'])
    first.close()

    // The tab is closed and opened again, still offline: the writes are there, waiting.
    const reloaded = queue(b.tab(), srv, { online: () => online })
    expect(reloaded.list().map((w) => [w.payload.body, w.state])).toEqual([
      ['offline one', 'waiting'],
      ['offline two', 'waiting'],
    ])
    online = true
    reloaded.goOnline()
    await reloaded.flush()
    expect(srv.requests).toEqual(['offline one', 'offline two'])
    expect(reloaded.list()).toEqual([])
  })

  it('keeps a write whose send found no network in its place, and tries again later in order', async () => {
    const srv = server()
    const c = clock()
    const q = queue(browser().tab(), srv, { clock: c })
    srv.set(async () => {
      throw apiError(0)
    })
    q.add('t1', { body: 'first' })
    q.add('t1', { body: 'second' })
    await q.flush()
    expect(srv.requests).toEqual(['first'])
    expect(q.list().map((w) => w.state)).toEqual(['waiting', 'waiting'])
    srv.set(async () => {})
    c.advance(60_000)
    await q.flush()
    expect(srv.requests).toEqual(['first', 'first', 'second'])
    expect(q.list()).toEqual([])
  })

  it('marks a refused write failed with the reason, goes on with the next, and never retries it alone', async () => {
    const srv = server()
    const c = clock()
    const q = queue(browser().tab(), srv, { clock: c })
    srv.set(async (w) => {
      if (w.payload.body === 'refused') throw apiError(409, 'This ticket is closed; open a new one.')
    })
    q.add('t1', { body: 'refused' })
    q.add('t1', { body: 'fine' })
    await q.flush()
    expect(srv.requests).toEqual(['refused', 'fine'])
    const [failed] = q.list()
    expect(failed).toMatchObject({
      state: 'failed',
      error: { status: 409, message: 'This ticket is closed; open a new one.' },
    })
    q.goOnline()
    c.advance(10 * 60_000)
    await q.flush()
    expect(srv.requests).toEqual(['refused', 'fine'])

    // The person asks: retry (refused again, still there), then discard.
    await q.retry(failed?.id ?? '')
    expect(srv.requests).toEqual(['refused', 'fine', 'refused'])
    expect(q.list().map((w) => w.state)).toEqual(['failed'])
    q.discard(failed?.id ?? '')
    expect(q.list()).toEqual([])
  })

  it('retries timeouts and rate limits without giving up, server errors only a few times', async () => {
    const srv = server()
    const c = clock()
    const q = queue(browser().tab(), srv, { clock: c })
    let status = 429
    srv.set(async () => {
      throw apiError(status)
    })
    q.add('t1', { body: 'hello' })
    // Each round: the backoff timer comes due and its flush tries once.
    const rounds = async (n: number) => {
      for (let i = 0; i < n; i++) {
        c.advance(60_000)
        await q.flush()
      }
    }
    await rounds(10)
    expect(srv.requests).toHaveLength(10)
    expect(q.list()[0]?.state).toBe('waiting')
    status = 503
    await rounds(10)
    expect(srv.requests).toHaveLength(10 + MAX_SERVER_ERRORS)
    expect(q.list()[0]).toMatchObject({ state: 'failed', error: { status: 503 } })
  })

  it('sends once when online fires twice, or flushes overlap, while a send is on its way', async () => {
    const srv = server()
    const q = queue(browser().tab(), srv)
    let release = () => {}
    srv.set(() => new Promise<void>((resolve) => (release = resolve)))
    q.add('t1', { body: 'once' })
    q.goOnline()
    q.goOnline()
    const flushes = [q.flush(), q.flush()]
    await settle()
    release()
    await Promise.all(flushes)
    await q.flush()
    expect(srv.requests).toEqual(['once'])
  })

  it('sends once when two tabs flush together (Web Locks), and the other tab sees it gone', async () => {
    const b = browser()
    const srv = server()
    const shared = tabLock()
    const webLocks: Lock = { run: shared.run, crossTab: true }
    // Tab a is offline; the other tabs hear of its writes through storage and send them.
    const a = queue(b.tab(), srv, { lock: webLocks, online: () => false })
    const other = queue(b.tab(), srv, { lock: webLocks })
    const third = queue(b.tab(), srv, { lock: webLocks })
    let release = () => {}
    srv.set(() => new Promise<void>((resolve) => (release = resolve)))
    a.add('t1', { body: 'from a' })
    a.add('t1', { body: 'also from a' })
    await settle()
    other.goOnline()
    third.goOnline()
    const flushes = [other.flush(), third.flush(), other.flush(), third.flush()]
    await settle()
    expect(srv.requests).toEqual(['from a'])
    srv.set(async () => {})
    release()
    await Promise.all(flushes)
    await settle()
    await Promise.all([other.flush(), third.flush()])
    expect(srv.requests).toEqual(['from a', 'also from a'])
    expect(a.list()).toEqual([])
  })

  it('without Web Locks, a write another tab is sending is left alone until its lease runs out', async () => {
    const b = browser()
    const srv = server()
    const c = clock()
    const first = queue(b.tab(), srv, { clock: c })
    let release = () => {}
    srv.set(() => new Promise<void>((resolve) => (release = resolve)))
    first.add('t1', { body: 'slow' })
    await settle()
    // The first tab is sending; a second tab (its own lock) looks and does nothing.
    const second = queue(b.tab(), srv, { clock: c })
    await second.flush()
    expect(srv.requests).toEqual(['slow'])
    // The first tab dies mid-send: after the lease the second tab sends it (the server's client id
    // makes that safe even if the first request had arrived).
    first.close()
    srv.set(async () => {})
    c.advance(SENDING_LEASE_MS + 1)
    await second.flush()
    expect(srv.requests).toEqual(['slow', 'slow'])
    expect(srv.stored.size).toBe(1)
    expect(second.list()).toEqual([])
    release()
  })

  it('with Web Locks, a write left `sending` by a closed tab goes at once', async () => {
    const b = browser()
    const srv = server()
    const tab = b.tab()
    const stuck: PendingWrite<Payload> = {
      id: 'left',
      scope: 't1',
      payload: { body: 'left behind' },
      createdAt: new Date().toISOString(),
      state: 'sending',
      sendingSince: Date.now(),
    }
    tab.storage.setItem('kipindi.pending.test.u1', JSON.stringify([stuck]))
    const q = queue(tab, srv, { lock: { run: tabLock().run, crossTab: true } })
    await q.flush()
    expect(srv.requests).toEqual(['left behind'])
  })
})
