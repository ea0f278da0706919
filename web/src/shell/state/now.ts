import { type Accessor, createSignal, getOwner, onCleanup } from 'solid-js'

// One clock for every countdown on the page: a signal that ticks while anything reads it.

const [now, setNow] = createSignal(Date.now())
let users = 0
let timer: ReturnType<typeof setInterval> | undefined

/** The current time in ms, updated every second while the calling component lives. */
export function useNow(): Accessor<number> {
  if (!getOwner()) return now
  users++
  if (!timer) {
    setNow(Date.now())
    timer = setInterval(() => setNow(Date.now()), 1000)
  }
  onCleanup(() => {
    if (--users > 0) return
    clearInterval(timer)
    timer = undefined
  })
  return now
}
