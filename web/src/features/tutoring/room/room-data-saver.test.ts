import { describe, expect, it } from 'vitest'
import { DATA_SAVER_KEY, readDataSaver, type SaverStorage, saveDataSaver } from './room-data-saver.ts'

function memory(): SaverStorage & { map: Map<string, string> } {
  const map = new Map<string, string>()
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  }
}

const refusing: SaverStorage = {
  getItem: () => {
    throw new DOMException('blocked', 'SecurityError')
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError')
  },
  removeItem: () => {
    throw new DOMException('blocked', 'SecurityError')
  },
}

describe('the data saver choice', () => {
  it('is off until switched on, and remembered both ways', () => {
    const storage = memory()
    expect(readDataSaver(storage)).toBe(false)
    saveDataSaver(true, storage)
    expect(storage.map.get(DATA_SAVER_KEY)).toBe('1')
    expect(readDataSaver(storage)).toBe(true)
    saveDataSaver(false, storage)
    expect(storage.map.has(DATA_SAVER_KEY)).toBe(false)
    expect(readDataSaver(storage)).toBe(false)
  })

  it('reads anything else as off', () => {
    const storage = memory()
    storage.setItem(DATA_SAVER_KEY, 'yes')
    expect(readDataSaver(storage)).toBe(false)
  })

  it('never throws when storage is blocked or full', () => {
    expect(readDataSaver(refusing)).toBe(false)
    expect(() => saveDataSaver(true, refusing)).not.toThrow()
  })
})
