// The uploads one place (a composer, an editor, a form) has running: progress, cancel, retry and
// failure, as Solid state that UploadList shows.
import { createSignal } from 'solid-js'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import { type RunningUpload, startUpload, type UploadRequest } from './upload.ts'

const t = translator(messages)

export interface UploadItem {
  id: string
  name: string
  sent: number
  total: number
  state: 'uploading' | 'failed'
  error?: string
  cancel(): void
  retry(): void
}

/**
 * Uploads with their progress. `add` starts one and resolves with its storage path once stored,
 * or with undefined when it was cancelled; a failed upload stays listed with its reason and a
 * retry until dismissed.
 */
export function createUploads() {
  const [items, setItems] = createSignal<UploadItem[]>([])
  const patch = (id: string, change: Partial<UploadItem>) =>
    setItems((list) => list.map((item) => (item.id === id ? { ...item, ...change } : item)))
  const drop = (id: string) => setItems((list) => list.filter((item) => item.id !== id))

  function add(request: UploadRequest & { label?: string }): Promise<string | undefined> {
    const id = crypto.randomUUID()
    const name = request.label ?? (request.file instanceof File ? request.file.name : request.name)
    return new Promise((resolve) => {
      let running: RunningUpload
      const run = () => {
        patch(id, { state: 'uploading', error: undefined, sent: 0 })
        running = startUpload({ ...request, onProgress: (sent, total) => patch(id, { sent, total }) })
        running.done.then(
          (path) => {
            drop(id)
            resolve(path)
          },
          (error) => {
            if (error instanceof DOMException && error.name === 'AbortError') return
            patch(id, { state: 'failed', error: errorMessage(error) })
          },
        )
      }
      const item: UploadItem = {
        id,
        name,
        sent: 0,
        total: request.file.size,
        state: 'uploading',
        cancel: () => {
          running?.cancel()
          drop(id)
          resolve(undefined)
        },
        retry: run,
      }
      setItems((list) => [...list, item])
      run()
    })
  }

  return { items, add, busy: () => items().some((i) => i.state === 'uploading') }
}

export type Uploads = ReturnType<typeof createUploads>

/** Refuses a file before any byte is sent when it is too large or of a type the place does not take. */
export function fileProblem(
  file: File,
  o: { maxBytes: number; accept: string[] },
  max: string,
): string | undefined {
  if (file.size > o.maxBytes) return t('upload.tooLarge', { name: file.name, max })
  const type = file.type || 'application/octet-stream'
  if (!o.accept.some((a) => (a.endsWith('/*') ? type.startsWith(a.slice(0, -1)) : a === type))) {
    return t('upload.wrongType', { name: file.name })
  }
  return undefined
}
