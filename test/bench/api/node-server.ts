// Serves the bench app under Node with @hono/node-server. Started by the API benchmark as
// `node --import tsx`; prints `listening <port>`, stops on SIGTERM/SIGINT or when stdin closes.
import { serve } from '@hono/node-server'
import { createBenchApp } from './bench-app.ts'

const app = createBenchApp(process.env)
const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
  console.log(`listening ${info.port}`)
})

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  server.close()
  await app.close()
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
// The benchmark never writes to stdin: its end means the benchmark died, so do not linger.
process.stdin.on('end', stop).resume()
