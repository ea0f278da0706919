import Download from 'lucide-solid/icons/download'
import { createSignal } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { downloadCertificate } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** "Download PDF": the API makes the PDF; a failure is a toast with the server's reason. */
export function DownloadButton(props: {
  certificate: { id: string; code: string; course_title: string }
  variant?: 'primary' | 'secondary'
}) {
  const [pending, setPending] = createSignal(false)
  async function download() {
    setPending(true)
    try {
      await downloadCertificate(props.certificate)
    } catch (e) {
      toast.error(errorMessage(e))
    } finally {
      setPending(false)
    }
  }
  return (
    <Button
      variant={props.variant ?? 'secondary'}
      pending={pending()}
      onClick={download}
      aria-label={t('certificate.downloadLabel', { title: props.certificate.course_title })}
    >
      <Download size={16} aria-hidden="true" />
      {t('certificate.download')}
    </Button>
  )
}
