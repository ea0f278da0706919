// A local store in a process of its own, for tests that kill it (-9) mid-upload. Reads
// STORAGE_CHILD = { dbUrl, dir, issuer, signingKey } and prints `listening <port>`.
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createVerifier } from '../../edge/lib/jwt.ts'
import { createStorageHost } from '../../scripts/lib/storage-host.ts'

const o = JSON.parse(process.env.STORAGE_CHILD ?? '{}')
const host = await createStorageHost({
  dbUrl: o.dbUrl,
  dir: o.dir,
  publicUrl: 'http://127.0.0.1',
  signingKey: o.signingKey,
  verifier: createVerifier({ issuer: o.issuer, jwks: { keys: [o.signingKey.publicJwk] } }),
})
const server = http.createServer((req, res) => host.handle(req, res))
server.listen(0, '127.0.0.1', () => console.log(`listening ${(server.address() as AddressInfo).port}`))
process.stdin.on('end', () => process.exit(0))
process.stdin.resume()
