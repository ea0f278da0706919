// Lets the bench ask a server process for its memory after a full garbage collection: with
// --expose-gc and an IPC channel, the message 'memory' is answered with heapUsed and RSS.

export interface MemoryReading {
  heapUsed: number
  rss: number
}

/** Answers 'memory' messages from the parent process (no-op without an IPC channel). */
export function answerMemoryProbe() {
  process.on('message', (message) => {
    if (message !== 'memory' || !process.send) return
    const gc = (globalThis as { gc?: () => void }).gc
    for (let i = 0; i < 3; i++) gc?.()
    const { heapUsed, rss } = process.memoryUsage()
    process.send({ heapUsed, rss } satisfies MemoryReading)
  })
  // Keeps the process alive on its server, not on the channel.
  process.channel?.unref()
}
