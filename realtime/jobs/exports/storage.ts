// The export job's files in the Storage API (SUPABASE_URL with the service role key: the job writes
// into a private bucket no person may write to): upload a finished file as a stream, remove expired
// ones. Locally the launcher's store answers (edge/storage); hosted, Supabase Storage.
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { z } from 'zod'

export interface ExportStorage {
  upload(bucket: string, name: string, file: string, contentType: string): Promise<number>
  remove(bucket: string, names: string[]): Promise<void>
}

const StorageEnv = z.object({ SUPABASE_URL: z.url(), SUPABASE_SERVICE_ROLE_KEY: z.string().min(20) })

/** The Storage API of `env`; null (exports are not made here) without SUPABASE_URL and the service key. */
export function exportStorageFromEnv(env: Record<string, string | undefined>): ExportStorage | null {
  const parsed = StorageEnv.safeParse(env)
  return parsed.success
    ? storageApi({ url: parsed.data.SUPABASE_URL, serviceKey: parsed.data.SUPABASE_SERVICE_ROLE_KEY })
    : null
}

export function storageApi(o: { url: string; serviceKey: string }): ExportStorage {
  const base = `${o.url.replace(/\/$/, '')}/storage/v1`
  const headers = { authorization: `Bearer ${o.serviceKey}`, apikey: o.serviceKey }
  const objectPath = (bucket: string, name: string) =>
    [bucket, ...name.split('/')].map(encodeURIComponent).join('/')
  return {
    async upload(bucket, name, file, contentType) {
      const { size } = await stat(file)
      const res = await fetch(`${base}/object/${objectPath(bucket, name)}`, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': contentType,
          'content-length': String(size),
          'x-upsert': 'true',
        },
        body: Readable.toWeb(createReadStream(file)) as ReadableStream,
        duplex: 'half',
      } as RequestInit)
      if (!res.ok)
        throw new Error(`Storage refused the export (${res.status}): ${(await res.text()).slice(0, 200)}`)
      await res.body?.cancel()
      return size
    },
    async remove(bucket, names) {
      if (names.length === 0) return
      const res = await fetch(`${base}/object/${encodeURIComponent(bucket)}`, {
        method: 'DELETE',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ prefixes: names }),
      })
      await res.body?.cancel()
      if (!res.ok) throw new Error(`Storage did not remove expired exports (${res.status}).`)
    },
  }
}
