// The files someone is attaching to a message before sending it: uploads with progress, the ones
// stored so far, a reason when a file is refused; files removed before sending are deleted again.
import { createSignal } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import type { FileRef } from './AttachmentList.tsx'
import { formatBytes } from './file-size.ts'
import { messages } from './messages.ts'
import { type Bucket, removeFiles, splitPath } from './storage.ts'
import { objectNameFor } from './upload.ts'
import { createUploads, fileProblem } from './uploads.ts'

const t = translator(messages)

export interface AttachmentRules {
  bucket: Bucket
  /** The folder of the thing they belong to (e.g. `<school>/<ticket>`). */
  folder: string
  max: number
  maxBytes: number
  accept: string[]
}

export function createAttachmentDraft(rules: () => AttachmentRules) {
  const uploads = createUploads()
  const [files, setFiles] = createSignal<FileRef[]>([])
  const [problem, setProblem] = createSignal<string>()

  function add(picked: File[]) {
    const r = rules()
    setProblem()
    const room = r.max - files().length - uploads.items().length
    if (picked.length > room) setProblem(t('attach.tooMany', { max: r.max }))
    for (const file of picked.slice(0, Math.max(0, room))) {
      const refused = fileProblem(file, r, formatBytes(r.maxBytes))
      if (refused) {
        setProblem(refused)
        continue
      }
      const name = objectNameFor(r.folder, file.name || 'screenshot.png')
      void uploads.add({ bucket: r.bucket, name, file, label: file.name }).then((path) => {
        if (path)
          setFiles((list) => [
            ...list,
            { path, name: file.name || 'screenshot.png', size: file.size, type: file.type },
          ])
      })
    }
  }

  function remove(path: string) {
    setFiles((list) => list.filter((f) => f.path !== path))
    const parts = splitPath(path)
    if (parts) void removeFiles(parts.bucket, [parts.name]).catch(() => {})
  }

  return {
    uploads,
    files,
    problem,
    add,
    remove,
    /** After sending: the files now belong to the message. */
    clear: () => setFiles([]),
  }
}

export type AttachmentDraft = ReturnType<typeof createAttachmentDraft>
