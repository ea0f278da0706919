// Runs the deployed stripe-webhook entry (supabase/functions/stripe-webhook/index.ts) unchanged for
// the payments benchmark (`deno run -A`): the entry serves itself with Deno.serve, as in production,
// on the address the benchmark gives in DENO_SERVE_ADDRESS (Deno then prints `Listening on …` to
// stderr). All this file adds is a watchdog: when the benchmark's pipe to our stdin closes (it died,
// even by kill -9), SIGTERM to ourselves runs the entry's own shutdown.

// Typed locally so that tsc (which checks test/ with Node types) accepts this file.
interface DenoApi {
  pid: number
  kill(pid: number, signal: 'SIGTERM'): void
  stdin: { readable: AsyncIterable<Uint8Array> }
}
const Deno = (globalThis as unknown as { Deno: DenoApi }).Deno

export {}

// A computed specifier: tsc does not follow it into the Deno-typed entry.
await import(new URL('../../../supabase/functions/stripe-webhook/index.ts', import.meta.url).href)

for await (const _ of Deno.stdin.readable) {
  // the benchmark never writes; its end means the benchmark died
}
Deno.kill(Deno.pid, 'SIGTERM')
