// Where the bytes live. The store (store.ts) decides what is kept and who sees it; a Disk only
// moves bytes. The local stack's Disk writes files under .data/storage (scripts/lib/storage-disk.ts,
// Node); a test may pass any other. Keys are `<bucket id>/<version uuid>`: object names never
// become file names, so no name can point outside its bucket.

/** Bytes received into a temporary place, not yet anyone's object. */
export interface Received {
  /** The temporary file's handle, for keep/discard. */
  id: string
  size: number
  /** The first bytes (up to SNIFF_BYTES), for the content check. */
  head: Uint8Array
  /** MD5 of the bytes, hex, as S3 and Supabase Storage give it in the ETag. */
  md5: string
}

export class TooLarge extends Error {}

export interface Disk {
  /** Streams a body into a temporary file; throws TooLarge (and keeps nothing) past `maxBytes`. */
  receive(body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>, maxBytes: number): Promise<Received>
  /** Makes received bytes the object version `key` (an atomic rename). */
  keep(received: Received, key: string): Promise<void>
  /** Forgets received bytes that will not be kept. */
  discard(received: Received): Promise<void>
  /** The bytes of `key` (from `start` to `end` inclusive when given), or null when there are none. */
  read(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array> | null>
  copy(from: string, to: string): Promise<void>
  /** Removes `key`; a missing key is not an error. */
  remove(key: string): Promise<void>
  /** Takes the bytes of a finished TUS upload (see resumable.ts) as received bytes. */
  adoptResumable(uploadId: string): Promise<Received>
}

/** The disk key of an object version. */
export const versionKey = (bucketId: string, version: string) => `${bucketId}/${version}`
