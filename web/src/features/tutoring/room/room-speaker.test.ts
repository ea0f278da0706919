import { describe, expect, it } from 'vitest'
import { createSpeakerPicker, rmsLevel } from './room-speaker.ts'

const levels = (entries: Record<string, number>) => new Map(Object.entries(entries))

describe('audio level', () => {
  it('is 0 for silence and grows with the swing around 128', () => {
    expect(rmsLevel(new Uint8Array(64).fill(128))).toBe(0)
    expect(rmsLevel([])).toBe(0)
    const loud = Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 0 : 255))
    expect(rmsLevel(loud)).toBeGreaterThan(0.95)
    const soft = Uint8Array.from({ length: 64 }, (_, i) => (i % 2 ? 120 : 136))
    expect(rmsLevel(soft)).toBeCloseTo(8 / 128, 3)
  })
})

describe('the active speaker', () => {
  it('is nobody in silence and the loudest person above the noise floor', () => {
    const pick = createSpeakerPicker({ threshold: 0.05 })
    expect(pick.update(levels({ a: 0.01, b: 0.02 }), 0)).toBeUndefined()
    expect(pick.update(levels({ a: 0.3, b: 0.1 }), 100)).toBe('a')
  })

  it('holds the highlight through a short pause, then lets it go', () => {
    const pick = createSpeakerPicker({ threshold: 0.05, holdMs: 1000 })
    pick.update(levels({ a: 0.3 }), 0)
    expect(pick.update(levels({ a: 0.01 }), 500)).toBe('a')
    expect(pick.update(levels({ a: 0.01 }), 1500)).toBeUndefined()
  })

  it('does not flicker to someone slightly louder, but moves to someone clearly louder', () => {
    const pick = createSpeakerPicker({ threshold: 0.05, holdMs: 1000, margin: 1.5 })
    pick.update(levels({ a: 0.2, b: 0.1 }), 0)
    expect(pick.update(levels({ a: 0.2, b: 0.25 }), 100)).toBe('a')
    expect(pick.update(levels({ a: 0.2, b: 0.4 }), 200)).toBe('b')
  })

  it('moves to the next person once the speaker has been quiet past the hold', () => {
    const pick = createSpeakerPicker({ threshold: 0.05, holdMs: 1000 })
    pick.update(levels({ a: 0.3, b: 0 }), 0)
    // b is only just above the floor: a keeps the highlight through the pause…
    expect(pick.update(levels({ a: 0, b: 0.06 }), 400)).toBe('a')
    expect(pick.update(levels({ a: 0, b: 0.06 }), 1100)).toBe('b')
    // …while someone clearly speaking takes it at once.
    pick.update(levels({ a: 0.3, b: 0 }), 2000)
    expect(pick.update(levels({ a: 0, b: 0.2 }), 2100)).toBe('b')
  })

  it('forgets a speaker who left the room', () => {
    const pick = createSpeakerPicker({ threshold: 0.05 })
    pick.update(levels({ a: 0.3 }), 0)
    expect(pick.update(levels({ b: 0.01 }), 100)).toBeUndefined()
  })
})
