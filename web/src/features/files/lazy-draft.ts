// Attaching files, loaded with the first file someone adds: a reply box shows only its paperclip
// until then, so pages with a composer do not carry the upload code on their first load.
import { createSignal, getOwner, lazy, runWithOwner } from 'solid-js'
import type { AttachmentDraft, AttachmentRules } from './attachment-draft.ts'

/** The draft's list of uploads and files, loaded with it. */
export const LazyDraftAttachments = lazy(() =>
  import('./DraftAttachments.tsx').then((m) => ({ default: m.DraftAttachments })),
)

export function createLazyDraft(rules: () => AttachmentRules) {
  const owner = getOwner()
  const [draft, setDraft] = createSignal<AttachmentDraft>()
  let loading: Promise<AttachmentDraft> | undefined
  const load = () => {
    loading ??= import('./attachment-draft.ts').then((m) => {
      const made = runWithOwner(owner, () => m.createAttachmentDraft(rules)) as AttachmentDraft
      setDraft(made)
      return made
    })
    return loading
  }
  return {
    /** The loaded draft (for LazyDraftAttachments), once a file was added. */
    draft,
    files: () => draft()?.files() ?? [],
    busy: () => draft()?.uploads.busy() ?? false,
    add: (files: File[]) => void load().then((d) => d.add(files)),
    clear: () => draft()?.clear(),
  }
}
export type LazyDraft = ReturnType<typeof createLazyDraft>

/** A paste handler for a message box: pasted files (a screenshot) are attached, text pastes as text. */
export const attachPasted = (draft: LazyDraft | undefined) => (e: ClipboardEvent) => {
  const pasted = [...(e.clipboardData?.files ?? [])]
  if (!draft || pasted.length === 0) return
  e.preventDefault()
  draft.add(pasted)
}
