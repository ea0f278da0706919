// The web app's way to Storage: supabase-js's storage client (@supabase/storage-js, loaded on first
// use, never with a page's first screen) against `<supabaseUrl>/storage/v1`, with the signed-in
// person's token, so the same calls work on the local store and on hosted Supabase Storage.
import type { StorageClient } from '@supabase/storage-js'
import { apiErrorFrom } from '../../api/errors.ts'
import { runtime } from '../../lib/runtime.ts'

export type Bucket = 'avatars' | 'lesson-media' | 'course-materials' | 'ticket-attachments'

/** A storage path as kept in our data: `<bucket>/<object name>`. */
export type StoragePath = `${Bucket}/${string}`

export function splitPath(path: string): { bucket: Bucket; name: string } | undefined {
  const at = path.indexOf('/')
  if (at < 1) return undefined
  return { bucket: path.slice(0, at) as Bucket, name: path.slice(at + 1) }
}

/** The storage URL and the bearer token of the person (or the anon key). */
export async function storageAuth() {
  const { config, supabase } = runtime()
  const token = (await supabase.auth.getSession()).data.session?.access_token ?? config.anonKey
  return { url: `${config.supabaseUrl.replace(/\/$/, '')}/storage/v1`, token, anonKey: config.anonKey }
}

async function client(): Promise<StorageClient> {
  const [{ StorageClient }, auth] = await Promise.all([import('@supabase/storage-js'), storageAuth()])
  return new StorageClient(auth.url, { Authorization: `Bearer ${auth.token}`, apikey: auth.anonKey })
}

/** A storage-js error as our ApiError (translated by its code). */
function failure(error: unknown): Error {
  const e = error as { status?: number; message?: string }
  return apiErrorFrom(e.status ?? 0, { error: { code: codeOf(e), message: e.message ?? '' } })
}
const codeOf = (e: { status?: number }) =>
  e.status === 404 ? 'object_not_found' : e.status === 413 ? 'file_too_large' : 'unknown'

const SIGNED_SECONDS = 60 * 60
/** Signed URLs already made, by path, until five minutes before they expire. */
const signed = new Map<string, { url: string; until: number }>()

/** Viewable URLs for storage paths (one request for all that are not cached); missing paths are left out. */
export async function signedUrls(paths: string[]): Promise<Map<string, string>> {
  const now = Date.now()
  const result = new Map<string, string>()
  const wanted = new Map<Bucket, string[]>()
  for (const path of new Set(paths)) {
    const hit = signed.get(path)
    if (hit && hit.until > now) result.set(path, hit.url)
    else {
      const parts = splitPath(path)
      if (parts) wanted.set(parts.bucket, [...(wanted.get(parts.bucket) ?? []), parts.name])
    }
  }
  if (wanted.size === 0) return result
  const storage = await client()
  await Promise.all(
    [...wanted].map(async ([bucket, names]) => {
      const { data, error } = await storage.from(bucket).createSignedUrls(names, SIGNED_SECONDS)
      if (error) throw failure(error)
      for (const entry of data ?? []) {
        if (!entry.signedUrl || !entry.path) continue
        const path = `${bucket}/${entry.path}`
        signed.set(path, { url: entry.signedUrl, until: now + (SIGNED_SECONDS - 300) * 1000 })
        result.set(path, entry.signedUrl)
      }
    }),
  )
  return result
}

/** Removes objects the person may remove. */
export async function removeFiles(bucket: Bucket, names: string[]): Promise<void> {
  const { error } = await (await client()).from(bucket).remove(names)
  if (error) throw failure(error)
  for (const name of names) signed.delete(`${bucket}/${name}`)
}
