// The room's data saver (sound only): someone on a mobile data bundle stops receiving video, and the
// tiles show names instead of pictures. The choice is kept on this device for the next room.

/** localStorage key of the data saver ('1' when on). */
export const DATA_SAVER_KEY = 'kipindi.room.dataSaver'

/** The part of Storage the data saver uses (a Map-backed fake fits, for tests). */
export type SaverStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

const browserStorage = (): SaverStorage | undefined => {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage
  } catch {
    return undefined // storage blocked (private mode, site settings): the choice lasts this visit
  }
}

/** Whether the data saver was left on (false when nothing, or nothing readable, was stored). */
export function readDataSaver(storage = browserStorage()): boolean {
  try {
    return storage?.getItem(DATA_SAVER_KEY) === '1'
  } catch {
    return false
  }
}

/** Remembers the choice; a storage that refuses (full, blocked) only loses the memory of it. */
export function saveDataSaver(on: boolean, storage = browserStorage()): void {
  try {
    if (on) storage?.setItem(DATA_SAVER_KEY, '1')
    else storage?.removeItem(DATA_SAVER_KEY)
  } catch {}
}
