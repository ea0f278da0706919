// The baseline of the live benchmark: a bare `ws` relay. Sockets connect to /?pair=<n>; a frame
// from one socket of a pair goes as it is to the other. No auth, no parsing, no database — the
// least a server can do to move a chat message from one person to another.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

const pairs = new Map<string, Set<WebSocket>>()
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false })
const http = createServer((_req, res) => res.writeHead(200).end('ok'))
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const pair = new URL(req.url ?? '/', 'http://localhost').searchParams.get('pair') ?? ''
    let members = pairs.get(pair)
    if (!members) {
      members = new Set()
      pairs.set(pair, members)
    }
    members.add(ws)
    ws.on('message', (data, isBinary) => {
      for (const other of members) if (other !== ws) other.send(data, { binary: isBinary })
    })
    ws.on('close', () => members.delete(ws))
  })
})
http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`))
process.on('SIGTERM', () => process.exit(0))
process.stdin.on('end', () => process.exit(0)).resume()
