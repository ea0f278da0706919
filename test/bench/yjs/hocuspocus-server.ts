// The third server of the Yjs benchmark: Hocuspocus (`@hocuspocus/server`) with its Database
// extension storing each document's whole state in the bench's Postgres, default debounce (2 s,
// at most 10 s). Its onAuthenticate accepts any token: no JWT check and no access check, unlike
// ours. Same transport settings as the others (ws, no compression, 127.0.0.1 only); it stops when
// the bench process goes away (SIGTERM, or its IPC channel closing).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Database } from '@hocuspocus/extension-database'
import { Hocuspocus } from '@hocuspocus/server'
import postgres from 'postgres'
import { WebSocketServer } from 'ws'
import { answerMemoryProbe } from './memory-probe.ts'

const TABLE = 'bench_hocuspocus_documents'
const dbUrl = process.env.SUPABASE_DB_URL
if (!dbUrl) throw new Error('SUPABASE_DB_URL is not set')
const sql = postgres(dbUrl, { max: 10, onnotice: () => {} })
await sql`create table if not exists ${sql(TABLE)} (name text primary key, data bytea not null)`

const hocuspocus = new Hocuspocus({
  quiet: true,
  async onAuthenticate() {
    return {}
  },
  extensions: [
    new Database({
      async fetch({ documentName }) {
        const [row] = await sql<{ data: Uint8Array }[]>`
          select data from ${sql(TABLE)} where name = ${documentName}`
        return row ? new Uint8Array(row.data) : null
      },
      async store({ documentName, state }) {
        await sql`
          insert into ${sql(TABLE)} (name, data) values (${documentName}, ${state})
          on conflict (name) do update set data = excluded.data`
      },
    }),
  ],
})

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
const http = createServer((_req, res) => res.writeHead(200).end('ok'))
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => hocuspocus.handleConnection(ws, req))
})
http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`))

let stopping = false
async function stop() {
  if (stopping) return
  stopping = true
  // Closing the connections stores the documents still waiting for their debounce.
  hocuspocus.closeConnections()
  await new Promise((r) => setTimeout(r, 500))
  await sql.end({ timeout: 2 })
  process.exit(0)
}
process.on('SIGTERM', () => void stop())
process.on('disconnect', () => void stop())
answerMemoryProbe()
