import Download from 'lucide-solid/icons/download'
import { createSignal } from 'solid-js'
import { downloadFile } from '../../../api/download.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { myDataMessages } from './my-data-messages.ts'

const t = translator(myDataMessages)

/** "Download my data": everything about the signed-in person as kipindi-my-data-<day>.json (GET /me/export). */
export function MyDataSection() {
  const [pending, setPending] = createSignal(false)
  const download = async () => {
    setPending(true)
    try {
      await downloadFile('/me/export', `kipindi-my-data-${new Date().toISOString().slice(0, 10)}.json`)
      toast.success(t('myData.done'))
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPending(false)
    }
  }
  return (
    <div class="space-y-3">
      <Button variant="secondary" pending={pending()} onClick={download}>
        <Download size={16} aria-hidden="true" />
        {pending() ? t('myData.downloading') : t('myData.download')}
      </Button>
      <p class="text-sm text-muted">{t('myData.note')}</p>
    </div>
  )
}

/** The section's words (its heading and description for the account page). */
export const myDataText = t
