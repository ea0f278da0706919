/**
 * The y-websocket server URL for lesson rooms on the origin that serves Supabase's URL layout
 * (DESIGN §3): "https://x.example/" → "wss://x.example/realtime/v1/yjs".
 */
export function yjsServerUrl(baseUrl: string): string {
  const url = new URL(baseUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/realtime/v1/yjs`
  url.search = ''
  url.hash = ''
  return url.toString()
}

/** The room name of a lesson's draft (`lesson:<uuid>`). */
export const lessonRoom = (lessonId: string): string => `lesson:${lessonId}`

/** The IndexedDB name that keeps a lesson's draft in this browser. */
export const lessonCacheName = (lessonId: string): string => `kipindi-lesson:${lessonId}`
