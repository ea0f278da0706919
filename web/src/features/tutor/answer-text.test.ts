import { describe, expect, it } from 'vitest'
import { mergeDelta, resumePath, retryable } from './answer-text.ts'

describe('mergeDelta', () => {
  it('appends a delta that starts where the text ends', () => {
    expect(mergeDelta('Photo', { offset: 5, text: 'synthesis' })).toBe('Photosynthesis')
  })

  it('never repeats text a resumed stream sends again', () => {
    expect(mergeDelta('Photosyn', { offset: 5, text: 'synthesis' })).toBe('Photosynthesis')
    expect(mergeDelta('Photosynthesis', { offset: 0, text: 'Photo' })).toBe('Photosynthesis')
  })

  it('refuses a delta after a gap', () => {
    expect(mergeDelta('Photo', { offset: 7, text: 'nthesis' })).toBeUndefined()
  })

  it('counts characters as JavaScript does (UTF-16), emoji included', () => {
    const start = 'Sawa 👍'
    expect(start.length).toBe(7)
    expect(mergeDelta(start, { offset: 7, text: ' 🌍' })).toBe('Sawa 👍 🌍')
    expect(mergeDelta(start, { offset: 5, text: '👍 🌍' })).toBe('Sawa 👍 🌍')
  })
})

describe('resuming', () => {
  it('asks from the number of characters received', () => {
    expect(resumePath('m-1', 'Sawa 👍')).toBe('/chat/m-1?offset=7')
    expect(resumePath('m-1', '')).toBe('/chat/m-1?offset=0')
  })

  it('tries again after network and server trouble, not after a refusal', () => {
    expect([0, 408, 429, 500, 503].every(retryable)).toBe(true)
    expect([400, 401, 403, 404].some(retryable)).toBe(false)
  })
})
