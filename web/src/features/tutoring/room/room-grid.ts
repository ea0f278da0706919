// The video grid of a room: how many columns and rows fit `count` tiles of one aspect ratio into a
// box so the tiles are as large as possible (a phone in portrait stacks them; a laptop tiles them).

export interface GridLayout {
  cols: number
  rows: number
  /** Tile size in px (the same for every tile). */
  width: number
  height: number
}

/**
 * The layout with the largest tiles for `count` tiles of `aspect` (width / height) in a `width` x
 * `height` box with `gap` px between tiles. An empty or unmeasured box gives one column.
 */
export function gridLayout(
  count: number,
  width: number,
  height: number,
  gap = 8,
  aspect = 16 / 9,
): GridLayout {
  const n = Math.max(1, Math.floor(count))
  if (width <= 0 || height <= 0) return { cols: 1, rows: n, width: 0, height: 0 }
  let best: GridLayout = { cols: 1, rows: n, width: 0, height: 0 }
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols)
    // A row with room to spare says fewer columns would do; skip layouts with an empty last row.
    if (cols > 1 && (cols - 1) * rows >= n) continue
    const cellW = (width - gap * (cols - 1)) / cols
    const cellH = (height - gap * (rows - 1)) / rows
    if (cellW <= 0 || cellH <= 0) continue
    const tileW = Math.min(cellW, cellH * aspect)
    const tileH = tileW / aspect
    if (tileW > best.width) best = { cols, rows, width: Math.floor(tileW), height: Math.floor(tileH) }
  }
  return best
}
