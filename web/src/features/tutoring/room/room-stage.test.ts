import { describe, expect, it } from 'vitest'
import { phoneStage } from './room-stage.ts'
import type { Tile } from './VideoGrid.tsx'

const tile = (id: string, more: Partial<Tile> = {}): Tile => ({
  id,
  name: id,
  local: false,
  micOn: true,
  cameraOn: true,
  screen: false,
  speaking: false,
  hand: false,
  unstable: false,
  ...more,
})
const me = tile('me', { local: true })
const ids = (tiles: Tile[]) => tiles.map((t) => t.id)

describe('the room on a phone', () => {
  it('shows the other person large and me in the corner', () => {
    const stage = phoneStage([me, tile('tutor')])
    expect(stage.main?.id).toBe('tutor')
    expect(stage.self?.id).toBe('me')
    expect(stage.others).toEqual([])
  })

  it('shows me large, with no corner tile, while I am alone', () => {
    expect(phoneStage([me])).toEqual({ main: me, others: [] })
  })

  it('puts the last one who spoke on the stage and the rest small', () => {
    const stage = phoneStage([me, tile('a'), tile('b'), tile('c')], 'b')
    expect(stage.main?.id).toBe('b')
    expect(ids(stage.others)).toEqual(['a', 'c'])
  })

  it('prefers a shared screen over the speaker, and falls back to the first person', () => {
    expect(phoneStage([me, tile('a'), tile('b', { screen: true })], 'a').main?.id).toBe('b')
    expect(phoneStage([me, tile('a'), tile('b')], 'gone').main?.id).toBe('a')
  })

  it('has no corner tile for an observer, who has no tile of their own', () => {
    const stage = phoneStage([tile('a'), tile('b')])
    expect(stage.self).toBeUndefined()
    expect(stage.main?.id).toBe('a')
  })
})
