// The baseline of the Yjs benchmark: the plain y-websocket server (`@y/websocket-server`), documents
// in memory, no auth, no persistence. Same transport settings as ours (ws, no compression).
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'
import { answerMemoryProbe } from './memory-probe.ts'

const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false })
const http = createServer((_req, res) => res.writeHead(200).end('ok'))
http.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => {
    const docName = new URL(req.url ?? '/', 'http://localhost').pathname.split('/').pop() ?? ''
    setupWSConnection(ws, req, { docName })
  })
})
http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`))
process.on('SIGTERM', () => process.exit(0))
answerMemoryProbe()
