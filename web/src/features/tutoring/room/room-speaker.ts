// Who is speaking in a mesh room, from the audio levels the browser measures (WebAudio's
// AnalyserNode). LiveKit rooms use the server's ActiveSpeakersChanged instead.

/** The loudness (RMS, 0..1) of 8-bit time-domain samples centred on 128 (getByteTimeDomainData). */
export function rmsLevel(samples: ArrayLike<number>): number {
  if (samples.length === 0) return 0
  let sum = 0
  for (let i = 0; i < samples.length; i++) {
    const v = (samples[i] - 128) / 128
    sum += v * v
  }
  return Math.sqrt(sum / samples.length)
}

export interface SpeakerOptions {
  /** Below this level nobody speaks (background noise). */
  threshold?: number
  /** A speaker keeps the highlight this long after going quiet, so it does not flicker between words. */
  holdMs?: number
  /** Another person must be this much louder to take the highlight from the current speaker. */
  margin?: number
}

/**
 * Picks the active speaker from levels measured over time: the loudest person above the threshold,
 * held for a moment after they pause, and taken over only by someone clearly louder.
 */
export function createSpeakerPicker(options: SpeakerOptions = {}) {
  const threshold = options.threshold ?? 0.04
  const holdMs = options.holdMs ?? 1200
  const margin = options.margin ?? 1.5
  let current: string | undefined
  let lastHeard = 0

  return {
    /** Feeds the latest levels by person id; answers who is highlighted now. */
    update(levels: ReadonlyMap<string, number>, now: number): string | undefined {
      let loudest: string | undefined
      let loudestLevel = 0
      for (const [id, level] of levels) {
        if (level >= threshold && level > loudestLevel) {
          loudest = id
          loudestLevel = level
        }
      }
      const currentLevel = current === undefined ? 0 : (levels.get(current) ?? 0)
      if (current !== undefined && levels.has(current) && currentLevel >= threshold) lastHeard = now
      if (loudest === undefined) {
        if (current !== undefined && (now - lastHeard > holdMs || !levels.has(current))) current = undefined
        return current
      }
      const held = current !== undefined && levels.has(current) && now - lastHeard <= holdMs
      if (!held || (loudest !== current && loudestLevel > Math.max(currentLevel, threshold) * margin)) {
        current = loudest
        lastHeard = now
      }
      return current
    },
    current: () => current,
  }
}
