import X from 'lucide-solid/icons/x'
import { For, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import type { AttachmentDraft } from './attachment-draft.ts'
import { messages } from './messages.ts'
import { UploadList } from './UploadList.tsx'

const t = translator(messages)

/** What is being attached: uploads in progress, the stored files (removable), and a refusal. */
export function DraftAttachments(props: { draft: AttachmentDraft }) {
  return (
    <div class="space-y-2 empty:hidden">
      <UploadList uploads={props.draft.uploads} />
      <Show when={props.draft.files().length > 0}>
        <ul class="flex flex-wrap gap-2">
          <For each={props.draft.files()}>
            {(file) => (
              <li class="inline-flex max-w-full items-center gap-1 rounded-full border border-line bg-surface py-0.5 pr-1 pl-3 text-xs">
                <span class="truncate">{file.name}</span>
                <button
                  type="button"
                  class="btn-ghost rounded-full p-1"
                  aria-label={t('attach.remove', { name: file.name })}
                  title={t('attach.remove', { name: file.name })}
                  onClick={() => props.draft.remove(file.path)}
                >
                  <X size={12} aria-hidden="true" />
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.draft.problem()}>
        <p role="alert" class="text-sm text-danger">
          {props.draft.problem()}
        </p>
      </Show>
    </div>
  )
}
