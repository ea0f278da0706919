import FileText from 'lucide-solid/icons/file-text'
import Trash from 'lucide-solid/icons/trash'
import { createResource, For, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { AttachButton } from '../../files/AttachButton.tsx'
import { formatBytes } from '../../files/file-size.ts'
import { listFolder, removeFiles, shownName, signedUrls } from '../../files/storage.ts'
import { UploadList } from '../../files/UploadList.tsx'
import { objectNameFor } from '../../files/upload.ts'
import { createUploads, fileProblem } from '../../files/uploads.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** What a lesson's materials may be: the course-materials bucket's types, up to 50 MB. */
export const MATERIAL_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'text/plain',
  'audio/mpeg',
  'video/mp4',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
]
const MAX_BYTES = 50 * 1024 * 1024

/**
 * A lesson's materials (worksheets, slides, recordings): the files in its folder of the
 * course-materials bucket. Enrolled students and the course's readers download them; editors
 * add (with progress, cancel and resume) and remove them. Shared at once, not with publishing.
 */
export default function LessonMaterials(props: { folder: string; editable: boolean }) {
  const uploads = createUploads()
  const [files, { refetch }] = createResource(
    () => props.folder,
    async (folder) => {
      const listed = await listFolder('course-materials', folder)
      const urls = await signedUrls(listed.map((f) => f.path))
      return listed.map((f) => ({ ...f, url: urls.get(f.path) }))
    },
  )

  function add(picked: File[]) {
    for (const file of picked) {
      const refused = fileProblem(
        file,
        { maxBytes: MAX_BYTES, accept: MATERIAL_TYPES },
        formatBytes(MAX_BYTES),
      )
      if (refused) {
        toast.error(refused)
        continue
      }
      const name = objectNameFor(props.folder, file.name)
      void uploads
        .add({ bucket: 'course-materials', name, file, label: file.name })
        .then((path) => path && refetch())
    }
  }

  async function remove(path: string, name: string) {
    try {
      await removeFiles('course-materials', [path.slice('course-materials/'.length)])
      toast.success(t('materials.removed', { name }))
      void refetch()
    } catch (e) {
      toast.error(errorMessage(e))
    }
  }

  /** The list once read; never throws (an errored resource would, taking the lesson with it). */
  const listed = () => (files.state === 'ready' || files.state === 'refreshing' ? files.latest : undefined)

  return (
    <Show when={props.editable || (listed() ?? []).length > 0}>
      <section aria-labelledby="lesson-materials" class="card p-4 sm:p-5">
        <div class="flex flex-wrap items-center justify-between gap-2">
          <h2 id="lesson-materials" class="font-semibold">
            {t('materials.title')}
          </h2>
          <Show when={props.editable}>
            <AttachButton accept={MATERIAL_TYPES} onFiles={add} />
          </Show>
        </div>
        <div class="mt-3 space-y-3">
          <UploadList uploads={uploads} />
          <Show
            when={!files.loading || files()}
            fallback={<p class="text-sm text-muted">{t('materials.loading')}</p>}
          >
            <Show
              when={!files.error}
              fallback={<p class="text-sm text-danger">{errorMessage(files.error)}</p>}
            >
              <Show
                when={(listed() ?? []).length > 0}
                fallback={
                  <p class="text-sm text-muted">
                    {props.editable ? t('materials.emptyEditor') : t('materials.empty')}
                  </p>
                }
              >
                <ul class="divide-y divide-line">
                  <For each={listed()}>
                    {(file) => (
                      <li class="flex items-center gap-3 py-2 text-sm">
                        <FileText size={18} class="shrink-0 text-muted" aria-hidden="true" />
                        <a
                          class="link min-w-0 flex-1 truncate"
                          href={
                            file.url
                              ? `${file.url}&download=${encodeURIComponent(shownName(file.name))}`
                              : undefined
                          }
                        >
                          {shownName(file.name)}
                        </a>
                        <span class="shrink-0 text-xs text-muted">
                          {formatBytes(file.size)} · {formatDate(file.updatedAt)}
                        </span>
                        <Show when={props.editable}>
                          <button
                            type="button"
                            class="btn-ghost p-1"
                            aria-label={t('materials.remove', { name: shownName(file.name) })}
                            title={t('materials.remove', { name: shownName(file.name) })}
                            onClick={() => void remove(file.path, shownName(file.name))}
                          >
                            <Trash size={15} aria-hidden="true" />
                          </button>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </Show>
          </Show>
        </div>
      </section>
    </Show>
  )
}
