// One piece of work per task, in the order asked: what ui/Later.tsx renders a page's parts with, so
// that no task holds a phone's main thread long while the browser can paint and answer input between.

const queue: (() => void)[] = []
let channel: MessageChannel | undefined

function runNext() {
  queue.shift()?.()
  if (queue.length > 0) post()
}

/** A task of its own: a message to ourselves (setTimeout waits 4 ms once nested). */
function post() {
  if (typeof MessageChannel !== 'function') return void setTimeout(runNext, 0)
  if (!channel) {
    channel = new MessageChannel()
    channel.port1.onmessage = runNext
  }
  channel.port2.postMessage(null)
}

/** Runs `work` in a task of its own, after the work queued before it; returns its cancel. */
export function inTurn(work: () => void): () => void {
  queue.push(work)
  if (queue.length === 1) post()
  return () => {
    const at = queue.indexOf(work)
    if (at >= 0) queue.splice(at, 1)
  }
}
