import Paperclip from 'lucide-solid/icons/paperclip'
import { translator } from '../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** A paperclip that opens the file picker (several files; phones offer the camera and gallery). */
export function AttachButton(props: {
  accept: string[]
  onFiles: (files: File[]) => void
  disabled?: boolean
}) {
  let input: HTMLInputElement | undefined
  return (
    <>
      <button
        type="button"
        class="btn min-h-9 border border-line px-2.5 py-1.5 text-xs text-muted hover:bg-subtle"
        aria-label={t('attach.label')}
        title={t('attach.label')}
        disabled={props.disabled}
        onClick={() => input?.click()}
      >
        <Paperclip size={15} aria-hidden="true" />
        <span class="hidden sm:inline">{t('attach.short')}</span>
      </button>
      <input
        ref={input}
        type="file"
        class="sr-only"
        tabIndex={-1}
        aria-hidden="true"
        multiple
        accept={props.accept.join(',')}
        data-testid="attach-input"
        onChange={(e) => {
          const files = [...(e.currentTarget.files ?? [])]
          e.currentTarget.value = ''
          if (files.length) props.onFiles(files)
        }}
      />
    </>
  )
}
