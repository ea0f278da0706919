import { describe, expect, it } from 'vitest'
import { videoDirection } from './mesh-link.ts'

describe('the data saver on a mesh connection', () => {
  it('stops receiving video and keeps sending mine', () => {
    expect(videoDirection('sendrecv', false)).toBe('sendonly')
    expect(videoDirection('recvonly', false)).toBe('inactive')
    expect(videoDirection('sendonly', false)).toBe('sendonly')
    expect(videoDirection('inactive', false)).toBe('inactive')
  })

  it('receives again when switched off, with what I send unchanged', () => {
    expect(videoDirection('sendonly', true)).toBe('sendrecv')
    expect(videoDirection('inactive', true)).toBe('recvonly')
    expect(videoDirection('sendrecv', true)).toBe('sendrecv')
    expect(videoDirection('recvonly', true)).toBe('recvonly')
  })

  it('leaves a stopped transceiver alone', () => {
    expect(videoDirection('stopped', true)).toBe('stopped')
    expect(videoDirection('stopped', false)).toBe('stopped')
  })
})
