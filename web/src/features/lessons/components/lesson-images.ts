// Pictures in lessons: pasted, dropped or picked files upload (with progress) into the course's
// folder of the lesson-media bucket, and the image node keeps the storage path (`storage`), not a
// URL: every reader's browser signs its own address (RLS decides who may), and the Yjs document
// never holds a link that expires. Objects are not deleted when a picture leaves the draft, so
// published versions keep showing it.
import type { Editor } from '@tiptap/core'
import Image from '@tiptap/extension-image'
import { Plugin } from '@tiptap/pm/state'
import type { AttachmentRules } from '../../files/attachment-draft.ts'
import { signedUrls } from '../../files/storage.ts'
import { objectNameFor } from '../../files/upload.ts'
import type { Uploads } from '../../files/uploads.ts'
import { fileProblem } from '../../files/uploads.ts'

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']
const MAX_IMAGE_BYTES = 10 * 1024 * 1024

export const imageRules = (folder: string): AttachmentRules => ({
  bucket: 'lesson-media',
  folder,
  max: 20,
  maxBytes: MAX_IMAGE_BYTES,
  accept: IMAGE_TYPES,
})

/** Shows a stored picture: its address is signed for this reader when the node is drawn. */
function showStored(img: HTMLImageElement, storage: string | null, src: string | null) {
  if (!storage) {
    if (src) img.src = src
    return
  }
  img.dataset.storage = storage
  void signedUrls([storage]).then(
    (urls) => {
      const url = urls.get(storage)
      if (url && img.dataset.storage === storage) img.src = url
    },
    () => img.classList.add('image-missing'),
  )
}

/** Tiptap's image node with a `storage` attribute (`data-storage` in HTML) and a view that signs it. */
export const LessonImage = Image.extend({
  addAttributes() {
    return {
      ...this.parent?.(),
      storage: {
        default: null,
        parseHTML: (el) => el.getAttribute('data-storage'),
        renderHTML: (attrs) => (attrs.storage ? { 'data-storage': attrs.storage } : {}),
      },
    }
  },
  addNodeView() {
    return ({ node }) => {
      const img = document.createElement('img')
      img.alt = node.attrs.alt ?? ''
      if (node.attrs.title) img.title = node.attrs.title
      showStored(img, node.attrs.storage, node.attrs.src)
      return {
        dom: img,
        update(next) {
          if (next.type !== node.type) return false
          img.alt = next.attrs.alt ?? ''
          if (
            next.attrs.storage !== img.dataset.storage ||
            (!next.attrs.storage && next.attrs.src !== img.src)
          )
            showStored(img, next.attrs.storage, next.attrs.src)
          return true
        },
      }
    }
  },
})

/** A picture's alt text from its file name ("cell-diagram.png" → "cell diagram"). */
const altOf = (file: File) =>
  file.name
    .replace(/\.[^.]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim()

/**
 * Uploads picture files and inserts each, once stored, where it was pasted or dropped (or at the
 * selection). Files that are not pictures or too large are refused with a reason (`onProblem`).
 */
export function insertImages(
  editor: Editor,
  uploads: Uploads,
  rules: AttachmentRules,
  files: File[],
  onProblem: (reason: string | undefined) => void,
  at?: number,
) {
  onProblem(undefined)
  for (const file of files) {
    const refused = fileProblem(file, rules, '10 MB')
    if (refused) {
      onProblem(refused)
      continue
    }
    const name = objectNameFor(rules.folder, file.name || 'picture.png')
    void uploads.add({ bucket: rules.bucket, name, file, label: file.name }).then((path) => {
      if (!path || editor.isDestroyed) return
      const node = { type: 'image', attrs: { storage: path, alt: altOf(file) } }
      const pos = Math.min(at ?? editor.state.selection.to, editor.state.doc.content.size)
      editor.chain().focus().insertContentAt(pos, node).run()
    })
  }
}

/** Pasted and dropped picture files become uploads (text and HTML paste as before). */
export function imageDropPlugin(onFiles: (files: File[], at?: number) => void) {
  const pictures = (list: FileList | null | undefined) =>
    [...(list ?? [])].filter((f) => f.type.startsWith('image/'))
  return new Plugin({
    props: {
      handlePaste(_view, event) {
        const files = pictures(event.clipboardData?.files)
        if (files.length === 0) return false
        onFiles(files)
        return true
      },
      handleDrop(view, event, _slice, moved) {
        const files = moved ? [] : pictures(event.dataTransfer?.files)
        if (files.length === 0) return false
        const at = view.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
        onFiles(files, at)
        return true
      },
    },
  })
}
