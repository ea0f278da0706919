import { describe, expect, it } from 'vitest'
import { gridLayout } from './room-grid.ts'

describe('the video grid', () => {
  it('gives one person the whole box at its aspect ratio', () => {
    expect(gridLayout(1, 1280, 720, 8)).toEqual({ cols: 1, rows: 1, width: 1280, height: 720 })
    // Taller box: the width limits the tile.
    expect(gridLayout(1, 343, 600, 8)).toEqual({ cols: 1, rows: 1, width: 343, height: 192 })
  })

  it('puts two people side by side on a wide screen and one above the other on a phone', () => {
    expect(gridLayout(2, 1200, 600, 8)).toMatchObject({ cols: 2, rows: 1 })
    expect(gridLayout(2, 343, 600, 8)).toMatchObject({ cols: 1, rows: 2 })
  })

  it('makes a 2 x 2 grid for four on a laptop and stacks them on a phone', () => {
    expect(gridLayout(4, 1200, 700, 8)).toMatchObject({ cols: 2, rows: 2 })
    expect(gridLayout(4, 343, 640, 8)).toMatchObject({ cols: 1, rows: 4 })
  })

  it('keeps tiles within the box and never leaves a whole row empty', () => {
    for (const n of [1, 2, 3, 5, 7, 12]) {
      for (const [w, h] of [
        [1280, 720],
        [375, 560],
        [800, 1000],
      ]) {
        const g = gridLayout(n, w, h, 8)
        expect(g.cols * g.rows).toBeGreaterThanOrEqual(n)
        expect((g.cols - 1) * g.rows).toBeLessThan(n)
        expect(g.cols * g.width + (g.cols - 1) * 8).toBeLessThanOrEqual(w)
        expect(g.rows * g.height + (g.rows - 1) * 8).toBeLessThanOrEqual(h)
      }
    }
  })

  it('falls back to one column before the box is measured', () => {
    expect(gridLayout(3, 0, 0)).toEqual({ cols: 1, rows: 3, width: 0, height: 0 })
    expect(gridLayout(0, 500, 500).cols).toBe(1)
  })
})
