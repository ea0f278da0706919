// Text from photos of scripts (issue 16) with tesseract.js: one worker thread per process, made on
// the first call and kept, fed one image at a time. Nothing is fetched: the core's wasm comes from
// node_modules/tesseract.js-core (tesseract.js' Node worker requires it from there) and the English
// model from node_modules/@tesseract.js-data/eng; nothing is cached on disk (cacheMethod 'none',
// cachePath the OS temp dir should that ever change).
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import Tesseract from 'tesseract.js'

/**
 * The English model: `4.0.0_best_int` (tessdata_best, integer LSTM; 2.9 MB) rather than `4.0.0`
 * (10.9 MB, with the legacy engine's data we do not run). Measured on test/fixtures/ocr: see its README.
 */
export const MODEL = '4.0.0_best_int'

/** The image types the assignment-files bucket takes for photos, and OCR reads. */
export const OCR_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const
export type OcrType = (typeof OCR_TYPES)[number]

/** The bucket's own file limit (20 MiB). */
export const MAX_BYTES = 20 * 1024 * 1024
/**
 * Beyond this a photo is refused rather than decoded. Measured on a 2-core machine: 24 MP read in
 * 3 s at 365 MB resident, 48 MP (the largest phone photos) in 6 s at 555 MB.
 */
export const MAX_PIXELS = 50_000_000
/** After an image larger than this the worker is ended: wasm memory grows for it and never shrinks. */
export const RECYCLE_PIXELS = 16_000_000
/** Longest side: a long thin strip is refused as well. */
export const MAX_SIDE = 12_000

/** An image OCR will not read, with a sentence a teacher understands. */
export class OcrInputError extends Error {
  override name = 'OcrInputError'
}

export interface OcrResult {
  text: string
  /** Tesseract's mean word confidence, 0–100. */
  confidence: number
}

export interface OcrEngine {
  /** Reads the text of a JPEG, PNG or WebP image; refuses others (OcrInputError). */
  recognize(bytes: Uint8Array, options?: { signal?: AbortSignal }): Promise<OcrResult>
  /** Ends the worker thread; calls still waiting are refused. A later call starts a new one. */
  stop(): Promise<void>
}

export interface ImageInfo {
  type: OcrType
  width: number
  height: number
}

const u16be = (b: Uint8Array, at: number) => (b[at] << 8) | b[at + 1]
const u32be = (b: Uint8Array, at: number) =>
  ((b[at] << 24) >>> 0) + ((b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3])
const u16le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8)
const u24le = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)
const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n))

function pngSize(b: Uint8Array) {
  if (b.length < 24 || ascii(b, 12, 4) !== 'IHDR') return null
  return { width: u32be(b, 16), height: u32be(b, 20) }
}

/** The frame header (SOF0…SOF15, not DHT/JPG/DAC) gives the size; walk the segments to it. */
function jpegSize(b: Uint8Array) {
  let at = 2
  while (at + 9 < b.length) {
    if (b[at] !== 0xff) return null
    const marker = b[at + 1]
    if (marker === 0xff) {
      at += 1
      continue
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: u16be(b, at + 5), width: u16be(b, at + 7) }
    }
    if (marker === 0xd9 || marker === 0xda) return null
    at += 2 + u16be(b, at + 2)
  }
  return null
}

function webpSize(b: Uint8Array) {
  if (b.length < 30) return null
  const chunk = ascii(b, 12, 4)
  if (chunk === 'VP8 ') return { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24)
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
  }
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
  return null
}

/** The type and size of an image from its first bytes, or a refusal saying why OCR will not read it. */
export function imageInfo(bytes: Uint8Array): ImageInfo {
  if (bytes.length > MAX_BYTES) {
    throw new OcrInputError(
      `The image is ${(bytes.length / 1048576).toFixed(1)} MiB; OCR reads images up to 20 MiB.`,
    )
  }
  let type: OcrType | null = null
  let size: { width: number; height: number } | null = null
  if (bytes.length >= 8 && u32be(bytes, 0) === 0x89504e47 && u32be(bytes, 4) === 0x0d0a1a0a) {
    type = 'image/png'
    size = pngSize(bytes)
  } else if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) {
    type = 'image/jpeg'
    size = jpegSize(bytes)
  } else if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    type = 'image/webp'
    size = webpSize(bytes)
  }
  if (!type)
    throw new OcrInputError('OCR reads photos and scans in JPEG, PNG or WebP; this file is none of them.')
  if (!size || size.width < 1 || size.height < 1) {
    throw new OcrInputError(`This ${type.slice(6).toUpperCase()} image is damaged: its size cannot be read.`)
  }
  const { width, height } = size
  if (width * height > MAX_PIXELS || Math.max(width, height) > MAX_SIDE) {
    throw new OcrInputError(
      `The image is ${width} × ${height} pixels; OCR reads images up to ${MAX_PIXELS / 1e6} megapixels and ` +
        `${MAX_SIDE} pixels a side. Take the photo at a lower resolution.`,
    )
  }
  return { type, width, height }
}

/** Where the English model is: inside the installed @tesseract.js-data/eng package. */
export function modelDir(model: string = MODEL): string {
  const require = createRequire(import.meta.url)
  return path.join(path.dirname(require.resolve('@tesseract.js-data/eng/package.json')), model)
}

class Stopped extends Error {
  override name = 'AbortError'
  constructor() {
    super('OCR stopped (the worker is shutting down).')
  }
}

export interface OcrEngineOptions {
  /** Default MODEL. */
  model?: string
}

/** What tesseract.js' Node worker is underneath (a worker_threads Worker). */
interface WorkerThread {
  on(event: 'error' | 'exit', fn: (error: Error) => void): void
  unref(): void
}

/** One tesseract worker thread and the way it ends: `failed` rejects when it crashes or is stopped. */
interface Session {
  /** The worker once it has loaded (or rejects with `failed`). */
  worker: Promise<Tesseract.Worker>
  made: Promise<Tesseract.Worker>
  failed: Promise<never>
  fail(error: Error): void
}

function startSession(langPath: string): Session {
  let fail!: (error: Error) => void
  const failed = new Promise<never>((_, reject) => {
    fail = reject
  })
  failed.catch(() => {})
  const made = Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, {
    langPath,
    gzip: true,
    cacheMethod: 'none',
    cachePath: tmpdir(),
    // tesseract.js tells only errorHandler of a failed load (its own promise then never settles);
    // without one it throws in its message listener.
    errorHandler: (error: unknown) => fail(new Error(`OCR failed: ${String(error)}`)),
  }).then((w) => {
    // A crash of the thread fails the call waiting on it, never this process.
    // The thread does not keep the process alive: stopping a server never waits for OCR to end.
    const thread = (w as unknown as { worker?: WorkerThread }).worker
    thread?.unref()
    thread?.on('error', (error) => fail(new Error(`OCR failed: ${error.message}`)))
    thread?.on('exit', () => fail(new Error('OCR failed: the OCR worker ended.')))
    return w
  })
  made.catch(() => {})
  return { worker: Promise.race([made, failed]), made, failed, fail }
}

/** Ends the thread now if it has loaded, else as soon as it does. */
function endSession(session: Session): Promise<void> {
  return session.made.then(
    (w) => w.terminate().then(() => {}),
    () => {},
  )
}

/**
 * An engine whose tesseract worker thread is made on the first `recognize`. Calls are served one at
 * a time, in order (one worker reads one image at a time anyway). After a failed recognition the
 * worker is ended and the next call gets a fresh one: a wasm abort leaves a worker unusable.
 */
export function createOcrEngine(options: OcrEngineOptions = {}): OcrEngine {
  const langPath = modelDir(options.model)
  let session: Session | null = null
  let queue: Promise<unknown> = Promise.resolve()
  /** Counted up by stop(): calls made before it are refused. */
  let generation = 0

  async function run(bytes: Uint8Array, pixels: number, asked: number, signal?: AbortSignal) {
    if (asked !== generation) throw new Stopped()
    signal?.throwIfAborted()
    session ??= startSession(langPath)
    const current = session
    try {
      const w = await current.worker
      const image = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      const { data } = await Promise.race([w.recognize(image), current.failed])
      if (pixels > RECYCLE_PIXELS) {
        if (session === current) session = null
        void endSession(current).catch(() => {})
      }
      return { text: data.text.replace(/[ \t]+\n/g, '\n').trim(), confidence: Math.round(data.confidence) }
    } catch (error) {
      if (session === current) session = null
      current.fail(error instanceof Error ? error : new Error(String(error)))
      void endSession(current).catch(() => {})
      throw error instanceof Error ? error : new Error(`OCR failed: ${String(error)}`)
    }
  }

  return {
    async recognize(bytes, opts = {}) {
      const { width, height } = imageInfo(bytes)
      const asked = generation
      const next = queue.then(() => run(bytes, width * height, asked, opts.signal))
      queue = next.catch(() => {})
      return next
    },
    async stop() {
      generation += 1
      const current = session
      session = null
      if (!current) return
      current.fail(new Stopped())
      // A worker still loading is ended when it has loaded; stop does not wait for that.
      await Promise.race([endSession(current), new Promise((done) => setTimeout(done, 2000).unref())])
    },
  }
}

let shared: OcrEngine | null = null

/** This process's engine (made on first use). */
export function ocrEngine(): OcrEngine {
  shared ??= createOcrEngine()
  return shared
}

/** Ends this process's engine, if it was made (the queue calls it when it stops). */
export async function stopOcrEngine(): Promise<void> {
  const engine = shared
  shared = null
  await engine?.stop()
}
