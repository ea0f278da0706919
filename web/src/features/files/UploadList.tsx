import X from 'lucide-solid/icons/x'
import { For, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { formatBytes } from './file-size.ts'
import { messages } from './messages.ts'
import type { Uploads } from './uploads.ts'

const t = translator(messages)

/** Running and failed uploads: a progress bar each, cancel, and retry after a failure. */
export function UploadList(props: { uploads: Uploads }) {
  return (
    <Show when={props.uploads.items().length > 0}>
      <ul class="space-y-2" aria-live="polite">
        <For each={props.uploads.items()}>
          {(item) => {
            const percent = () => (item.total ? Math.round((item.sent / item.total) * 100) : 0)
            return (
              <li class="rounded-lg border border-line p-2 text-sm">
                <div class="flex items-center gap-2">
                  <span class="min-w-0 flex-1 truncate">{item.name}</span>
                  <Show
                    when={item.state === 'uploading'}
                    fallback={
                      <button type="button" class="btn-ghost px-2 py-1 text-xs" onClick={() => item.retry()}>
                        {t('upload.retry')}
                      </button>
                    }
                  >
                    <span class="text-xs text-muted tabular-nums">
                      {t('upload.sent', { sent: formatBytes(item.sent), total: formatBytes(item.total) })}
                    </span>
                  </Show>
                  <button
                    type="button"
                    class="btn-ghost p-1"
                    aria-label={item.state === 'uploading' ? t('upload.cancel') : t('upload.dismiss')}
                    title={item.state === 'uploading' ? t('upload.cancel') : t('upload.dismiss')}
                    onClick={() => item.cancel()}
                  >
                    <X class="size-4" aria-hidden="true" />
                  </button>
                </div>
                <Show
                  when={item.state === 'uploading'}
                  fallback={
                    <p class="mt-1 text-xs text-danger" role="alert">
                      {t('upload.failed', { name: item.name })}: {item.error}
                    </p>
                  }
                >
                  <progress
                    class="mt-1 h-1.5 w-full"
                    max="100"
                    value={percent()}
                    aria-label={t('upload.progress', { name: item.name, percent: percent() })}
                  />
                </Show>
              </li>
            )
          }}
        </For>
      </ul>
    </Show>
  )
}
