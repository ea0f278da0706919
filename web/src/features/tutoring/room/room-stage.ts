import type { Tile } from './VideoGrid.tsx'

// The room on a phone: one person large (whoever shares a screen, else the last one who spoke, else
// the first one there), the rest of the room small above, and my own camera as a small tile in a
// corner (picture in picture) — a grid of equal tiles leaves everyone too small on a narrow screen.

/** Below this width (px) the room uses the phone stage instead of the grid (Tailwind's `sm`). */
export const PHONE_MAX_WIDTH = 639

export interface PhoneStage {
  /** The person shown large; me only when I am alone. */
  main?: Tile
  /** Everyone else, small. */
  others: Tile[]
  /** My own tile in the corner, when someone else is on the stage. */
  self?: Tile
}

/** Splits the room's tiles for a phone; `focus` is the last person (not me) who spoke. */
export function phoneStage(tiles: Tile[], focus?: string): PhoneStage {
  const mine = tiles.find((tile) => tile.local)
  const remote = tiles.filter((tile) => !tile.local)
  if (remote.length === 0) return { main: mine, others: [] }
  const main = remote.find((tile) => tile.screen) ?? remote.find((tile) => tile.id === focus) ?? remote[0]
  return { main, others: remote.filter((tile) => tile !== main), self: mine }
}
