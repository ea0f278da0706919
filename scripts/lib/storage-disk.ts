// The local store's Disk (edge/storage/disk.ts) on this machine's filesystem, under
// `.data/storage`: `<bucket>/<version>` files, written to `.tmp/` first and renamed into place
// (same filesystem: atomic), TUS uploads in `.tus/`. Temporary files left by a crash are removed
// when the store starts.
import { createHash, randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { copyFile, type FileHandle, link, mkdir, open, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Readable, Transform, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { type Disk, type Received, TooLarge } from '../../edge/storage/disk.ts'
import { SNIFF_BYTES } from '../../edge/storage/sniff.ts'

/** How long a finished TUS upload's own files stay (the client may still ask about it). */
const TUS_KEEP_MS = 60_000

/**
 * Bytes an upload may run ahead of its file. Node's default (16 KiB) stops reading the socket at
 * each write until the file system answers: a 50 MB upload then waits for its ~800 writes in turn.
 */
const WRITE_AHEAD = 1 << 20

/** Counts, hashes and keeps the first bytes of what passes; fails past `maxBytes`. */
function meter(maxBytes: number) {
  const md5 = createHash('md5')
  const head: Buffer[] = []
  let size = 0
  let headSize = 0
  const stream = new Transform({
    highWaterMark: WRITE_AHEAD,
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

const READ_CHUNK = 1 << 20

/**
 * Bytes `from` to `to` (exclusive) of an open file as a Web stream, read in 1 MiB chunks only when
 * the reader asks (no read-ahead: a slow phone holds one chunk in memory, not the file).
 */
function fileStream(handle: FileHandle, from: number, to: number): ReadableStream<Uint8Array> {
  let at = from
  const done = () => handle.close().catch(() => {})
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const want = Math.min(READ_CHUNK, to - at)
          const { bytesRead, buffer } =
            want > 0
              ? await handle.read(Buffer.allocUnsafe(want), 0, want, at)
              : { bytesRead: 0, buffer: Buffer.alloc(0) }
          if (bytesRead === 0) {
            controller.close()
            await done()
            return
          }
          at += bytesRead
          controller.enqueue(new Uint8Array(buffer.buffer, buffer.byteOffset, bytesRead))
        } catch (error) {
          controller.error(error)
          await done()
        }
      },
      cancel: done,
    },
    { highWaterMark: 0 },
  )
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

  async function receiveStream(
    body: Readable | AsyncIterable<Uint8Array>,
    maxBytes: number,
  ): Promise<Received> {
    const id = randomUUID()
    const m = meter(maxBytes)
    try {
      await pipeline(
        body,
        m.stream,
        createWriteStream(tempOf(id), { flags: 'wx', highWaterMark: WRITE_AHEAD }),
      )
    } catch (error) {
      await rm(tempOf(id), { force: true })
      throw error
    }
    return { id, ...m.result() }
  }

  return {
    tusDir,
    receive: (body, maxBytes) =>
      receiveStream(body instanceof ReadableStream ? Readable.fromWeb(body as never) : body, maxBytes),
    async keep(received, key) {
      const file = fileOf(key)
      await mkdir(path.dirname(file), { recursive: true })
      const handle = await open(tempOf(received.id), 'r')
      await handle.sync().finally(() => handle.close())
      await rename(tempOf(received.id), file)
    },
    discard: (received) => rm(tempOf(received.id), { force: true }),
    async read(key, range) {
      let handle: FileHandle
      try {
        handle = await open(fileOf(key), 'r')
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
        throw error
      }
      return fileStream(handle, range?.start ?? 0, range ? range.end + 1 : (await handle.stat()).size)
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
