import { describe, expect, it } from 'vitest'
import { inModule, moduleOptions, parsePosition, placeChanges } from './outline-place.ts'

describe('an assessment in the outline', () => {
  it('reads a typed position', () => {
    expect([parsePosition(''), parsePosition(' 4 '), parsePosition('10000')]).toEqual([0, 4, 10000])
    expect([parsePosition('-1'), parsePosition('1.5'), parsePosition('10001'), parsePosition('x')]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ])
  })

  it('sends only a changed module or position', () => {
    const at = { module_id: 'm1', position: 2 }
    expect(placeChanges('m1', 2, at)).toEqual({})
    expect(placeChanges('', 2, at)).toEqual({ module_id: null })
    expect(placeChanges('m2', 0, at)).toEqual({ module_id: 'm2', position: 0 })
    expect(placeChanges('m1', undefined, at)).toEqual({})
  })

  it("lists a module's assessments by position, ties in the order given", () => {
    const items = [
      { id: 'q1', module_id: 'm1', position: 1 },
      { id: 'q2', module_id: null, position: 0 },
      { id: 'a1', module_id: 'm1', position: 0 },
      { id: 'a2', module_id: 'm1', position: 1 },
      { id: 'a3', module_id: 'm2', position: 0 },
    ]
    expect(inModule(items, 'm1').map((i) => i.id)).toEqual(['a1', 'q1', 'a2'])
    expect(inModule(items, 'm3')).toEqual([])
  })

  it('offers no module first, then the modules in outline order', () => {
    const m = (id: string, position: number) =>
      ({ id, title: id.toUpperCase(), position }) as Parameters<typeof moduleOptions>[0][number]
    expect(moduleOptions([m('b', 1), m('a', 0)], 'None', (n, title) => `${n}. ${title}`)).toEqual([
      { value: '', label: 'None' },
      { value: 'a', label: '1. A' },
      { value: 'b', label: '2. B' },
    ])
  })
})
