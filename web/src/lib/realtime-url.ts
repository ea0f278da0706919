/**
 * A websocket URL of the realtime server on the origin that serves Supabase's URL layout (DESIGN §3):
 * ("https://x.example/", "/realtime/v1/yjs") → "wss://x.example/realtime/v1/yjs".
 */
export function socketUrl(baseUrl: string, path: string): string {
  const url = new URL(baseUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${path}`
  url.search = ''
  url.hash = ''
  return url.toString()
}

/** The y-websocket server URL for lesson rooms: "https://x.example/" → "wss://x.example/realtime/v1/yjs". */
export const yjsServerUrl = (baseUrl: string): string => socketUrl(baseUrl, '/realtime/v1/yjs')

/** The room name of a lesson's draft (`lesson:<uuid>`). */
export const lessonRoom = (lessonId: string): string => `lesson:${lessonId}`

/** The IndexedDB name that keeps a lesson's draft in this browser. */
export const lessonCacheName = (lessonId: string): string => `kipindi-lesson:${lessonId}`
