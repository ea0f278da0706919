// Timers that keep a function's background work going without keeping the process alive.

/** Lets the process exit while only this timer is left (Node's `unref`, Deno's `Deno.unrefTimer`). */
export function unrefTimer(timer: ReturnType<typeof setInterval>) {
  const t = timer as unknown as { unref?: () => void }
  if (typeof t.unref === 'function') return t.unref()
  const deno = (globalThis as { Deno?: { unrefTimer?: (id: number) => void } }).Deno
  deno?.unrefTimer?.(timer as unknown as number)
}
