// The local store's Disk (edge/storage/disk.ts) on this machine's filesystem, under
// `.data/storage`: `<bucket>/<version>` files, written to `.tmp/` first and renamed into place
// (same filesystem: atomic), TUS uploads in `.tus/`. Temporary files left by a crash are removed
// when the store starts.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, link, mkdir, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable, Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Disk, type Received, TooLarge } from '../../edge/storage/disk.ts'
import { SNIFF_BYTES } from '../../edge/storage/sniff.ts'

/** How long a finished TUS upload's own files stay (the client may still ask about it). */
const TUS_KEEP_MS = 60_000

/** Counts, hashes and keeps the first bytes of what passes; fails past `maxBytes`. */
function meter(maxBytes: number) {
  const md5 = createHash('md5')
  const head: Buffer[] = []
  let size = 0
  let headSize = 0
  const stream = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length
      if (size > maxBytes) return done(new TooLarge())
      md5.update(chunk)
      if (headSize < SNIFF_BYTES) {
        head.push(chunk.subarray(0, SNIFF_BYTES - headSize))
        headSize += Math.min(chunk.length, SNIFF_BYTES - headSize)
      }
      done(null, chunk)
    },
  })
  const result = () => ({ size, md5: md5.digest('hex'), head: new Uint8Array(Buffer.concat(head)) })
  return { stream, result }
}

export async function createFileDisk(root: string): Promise<Disk & { tusDir: string }> {
  const tmp = path.join(root, '.tmp')
  const tusDir = path.join(root, '.tus')
  await rm(tmp, { recursive: true, force: true })
  await mkdir(tmp, { recursive: true })
  await mkdir(tusDir, { recursive: true })

  /** A key's file, refusing anything that would leave the root (keys are `<bucket>/<uuid>`). */
  function fileOf(key: string): string {
    const file = path.resolve(root, key)
    if (!file.startsWith(root + path.sep) || key.includes('\0')) throw new Error(`bad storage key ${key}`)
    return file
  }
  const tempOf = (id: string) => path.join(tmp, path.basename(id))

  async function receiveStream(body: Readable, maxBytes: number): Promise<Received> {
    const id = randomUUID()
    const m = meter(maxBytes)
    try {
      await pipeline(body, m.stream, createWriteStream(tempOf(id), { flags: 'wx' }))
    } catch (error) {
      await rm(tempOf(id), { force: true })
      throw error
    }
    return { id, ...m.result() }
  }

  return {
    tusDir,
    receive: (body, maxBytes) => receiveStream(Readable.fromWeb(body as never), maxBytes),
    async keep(received, key) {
      const file = fileOf(key)
      await mkdir(path.dirname(file), { recursive: true })
      const handle = await open(tempOf(received.id), 'r')
      await handle.sync().finally(() => handle.close())
      await rename(tempOf(received.id), file)
    },
    discard: (received) => rm(tempOf(received.id), { force: true }),
    async read(key, range) {
      const file = fileOf(key)
      try {
        const handle = await open(file, 'r')
        const stream = handle.createReadStream({
          highWaterMark: 1 << 20,
          ...(range ? { start: range.start, end: range.end } : {}),
        })
        return Readable.toWeb(stream) as ReadableStream<Uint8Array>
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
    },
    async copy(from, to) {
      await mkdir(path.dirname(fileOf(to)), { recursive: true })
      await copyFile(fileOf(from), fileOf(to))
    },
    remove: (key) => rm(fileOf(key), { force: true }),
    async adoptResumable(uploadId) {
      const source = path.join(tusDir, path.basename(uploadId))
      const m = meter(Number.POSITIVE_INFINITY)
      await pipeline(createReadStream(source), m.stream, new Writable({ write: (_c, _e, done) => done() }))
      // A hard link, not a move: the TUS server still answers about the upload after this hook.
      const id = randomUUID()
      await link(source, tempOf(id))
      setTimeout(() => {
        void rm(source, { force: true })
        void rm(`${source}.json`, { force: true })
      }, TUS_KEEP_MS).unref()
      return { id, ...m.result() }
    },
  }
}
