import { createSignal, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { initials } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { AvatarImage } from '../../files/AvatarImage.tsx'
import { removeFiles, splitPath } from '../../files/storage.ts'
import { UploadList } from '../../files/UploadList.tsx'
import { objectNameFor } from '../../files/upload.ts'
import { createUploads } from '../../files/uploads.ts'
import { messages } from '../messages.ts'
import { shrinkPicture } from '../picture.ts'

const t = translator(messages)

const PICTURE_TYPES = ['image/png', 'image/jpeg', 'image/webp']

/**
 * The person's picture: chosen from the device (a phone offers the camera), made small before it
 * is sent, shown to people of their schools next to their name; removable.
 */
export function AvatarForm() {
  const { supabase, session, tenant } = useApp()
  const uploads = createUploads()
  const [error, setError] = createSignal<string>()
  const [saving, setSaving] = createSignal(false)
  const current = () => session.user()?.user_metadata?.avatar_path as string | undefined
  let input: HTMLInputElement | undefined

  async function setPicture(path: string | null) {
    const previous = current()
    const { error: failed } = await supabase.auth.updateUser({ data: { avatar_path: path } })
    if (failed) throw failed
    await session.refresh()
    void tenant.refresh()
    const old = previous && splitPath(previous)
    if (old && previous !== path) void removeFiles(old.bucket, [old.name]).catch(() => {})
  }

  async function choose(file: File) {
    setError()
    const userId = session.user()?.id
    if (!userId) return
    try {
      const picture = await shrinkPicture(file, 512)
      const name = objectNameFor(userId, picture.name)
      const path = await uploads.add({ bucket: 'avatars', name, file: picture, label: file.name })
      if (!path) return
      setSaving(true)
      await setPicture(path)
      toast.success(t('avatar.saved'))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  async function remove() {
    setSaving(true)
    try {
      await setPicture(null)
      toast.success(t('avatar.removed'))
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <div class="space-y-4">
      <div class="flex items-center gap-4">
        <AvatarImage
          path={current()}
          class="size-20 rounded-full"
          fallback={
            <span class="grid size-20 place-items-center rounded-full bg-primary text-2xl font-semibold text-on-primary">
              {initials(session.displayName())}
            </span>
          }
        />
        <div class="flex flex-wrap gap-2">
          <Button variant="secondary" pending={saving() || uploads.busy()} onClick={() => input?.click()}>
            {current() ? t('avatar.change') : t('avatar.choose')}
          </Button>
          <Show when={current()}>
            <Button variant="ghost" disabled={saving()} onClick={() => void remove()}>
              {t('avatar.remove')}
            </Button>
          </Show>
        </div>
        <input
          ref={input}
          type="file"
          class="sr-only"
          tabIndex={-1}
          aria-hidden="true"
          accept={PICTURE_TYPES.join(',')}
          data-testid="avatar-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0]
            e.currentTarget.value = ''
            if (file) void choose(file)
          }}
        />
      </div>
      <UploadList uploads={uploads} />
      <Show when={error()}>
        <p role="alert" class="text-sm text-danger">
          {error()}
        </p>
      </Show>
      <p class="text-sm text-muted">{t('avatar.hint')}</p>
    </div>
  )
}
