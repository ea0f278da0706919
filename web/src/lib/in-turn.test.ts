import { describe, expect, it } from 'vitest'
import { inTurn } from './in-turn.ts'

/** Resolves once every piece of work queued so far has run. */
const drained = () => new Promise<void>((resolve) => inTurn(resolve))

describe('inTurn', () => {
  it('runs work in the order asked, each in a task of its own', async () => {
    const seen: string[] = []
    for (const name of ['a', 'b', 'c']) {
      inTurn(() => {
        seen.push(name)
        // A microtask runs before the next task: it lands right after its own work.
        queueMicrotask(() => seen.push(`${name}'`))
      })
    }
    expect(seen).toEqual([]) // nothing runs in the task that asked
    await drained()
    expect(seen).toEqual(['a', "a'", 'b', "b'", 'c', "c'"])
  })

  it('skips work cancelled before its turn, and keeps the rest going', async () => {
    const seen: string[] = []
    inTurn(() => seen.push('a'))
    const cancel = inTurn(() => seen.push('b'))
    inTurn(() => seen.push('c'))
    cancel()
    await drained()
    expect(seen).toEqual(['a', 'c'])
  })

  it('takes work asked for while other work runs after it', async () => {
    const seen: string[] = []
    inTurn(() => {
      seen.push('a')
      inTurn(() => seen.push('a2'))
    })
    inTurn(() => seen.push('b'))
    await drained()
    await drained()
    expect(seen).toEqual(['a', 'b', 'a2'])
  })
})
