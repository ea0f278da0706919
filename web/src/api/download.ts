import { runtime } from '../lib/runtime.ts'
import { apiErrorFrom } from './errors.ts'

// Files the API makes (a CSV, a JSON export): fetched with the signed-in person's token, which a
// plain link could not carry, then saved under a name the page chooses.

/** "a=1&b=x" from the values that are set; empty values are left out, as the API reads them as none. */
export function queryString(query: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams()
  for (const [key, value] of Object.entries(query))
    if (value !== undefined && value !== '') q.set(key, String(value))
  const s = q.toString()
  return s ? `?${s}` : ''
}

/**
 * GETs `path` (relative to the api function, e.g. "/me/export") and saves the answer as `fileName`.
 * A refusal is thrown as the server's ApiError (its message reaches the page), a lost network as status 0.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const { config, supabase } = runtime()
  const token = (await supabase.auth.getSession()).data.session?.access_token
  const base = config.supabaseUrl.replace(/\/+$/, '')
  let res: Response
  try {
    res = await fetch(`${base}/functions/v1/api${path}`, {
      headers: { apikey: config.anonKey, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    })
  } catch {
    throw apiErrorFrom(0, undefined)
  }
  if (!res.ok) throw apiErrorFrom(res.status, await res.json().catch(() => undefined))
  const url = URL.createObjectURL(await res.blob())
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName })
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
