import FileText from 'lucide-solid/icons/file-text'
import { createResource, For, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { formatBytes } from './file-size.ts'
import { messages } from './messages.ts'
import { signedUrls } from './storage.ts'

const t = translator(messages)

/** A stored file as messages carry it. */
export interface FileRef {
  path: string
  name: string
  size?: number
  type?: string
}

const isImage = (f: FileRef) => /^image\/(png|jpeg|gif|webp)$/.test(f.type ?? '')

/**
 * Files of a message: pictures shown (tap to open full size), other files as links that download.
 * Addresses are signed for the viewer (one request for the whole list); a file that is gone says so.
 */
export function AttachmentList(props: { files: FileRef[] }) {
  const [urls] = createResource(
    () => props.files.map((f) => f.path),
    (paths) => signedUrls(paths),
  )
  return (
    <ul class="mt-1.5 flex flex-wrap gap-2">
      <For each={props.files}>
        {(file) => {
          const url = () => (urls.error ? undefined : urls()?.get(file.path))
          return (
            <li class="max-w-full">
              <Show
                when={url()}
                fallback={
                  <span class="inline-flex items-center gap-1.5 rounded-lg border border-line bg-surface px-2.5 py-1.5 text-xs text-muted">
                    <FileText size={14} aria-hidden="true" />
                    {urls.loading ? file.name : t('file.unavailable')}
                  </span>
                }
              >
                {(href) => (
                  <Show
                    when={isImage(file)}
                    fallback={
                      <a
                        href={`${href()}&download=${encodeURIComponent(file.name)}`}
                        class="inline-flex max-w-full items-center gap-1.5 rounded-lg border border-line bg-surface px-2.5 py-1.5 text-xs text-fg hover:bg-subtle"
                        aria-label={t('file.open', { name: file.name })}
                      >
                        <FileText size={14} aria-hidden="true" />
                        <span class="truncate">{file.name}</span>
                        <Show when={file.size !== undefined}>
                          <span class="text-muted">{formatBytes(file.size ?? 0)}</span>
                        </Show>
                      </a>
                    }
                  >
                    <a
                      href={href()}
                      target="_blank"
                      rel="noopener"
                      aria-label={t('file.open', { name: file.name })}
                    >
                      <img
                        src={href()}
                        alt={file.name}
                        loading="lazy"
                        class="max-h-48 max-w-full rounded-lg border border-line object-contain"
                      />
                    </a>
                  </Show>
                )}
              </Show>
            </li>
          )
        }}
      </For>
    </ul>
  )
}
