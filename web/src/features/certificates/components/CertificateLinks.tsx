import { A } from '@solidjs/router'
import Copy from 'lucide-solid/icons/copy'
import ExternalLink from 'lucide-solid/icons/external-link'
import { Show } from 'solid-js'
import type { Certificate } from '../../../../../edge/contract/certificates.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { verifyPath } from '../certificates.ts'
import { messages } from '../messages.ts'
import { DownloadButton } from './DownloadButton.tsx'

const t = translator(messages)

/** A valid certificate's actions: download the PDF, open or copy its verification page. */
export function CertificateLinks(props: { certificate: Certificate; primary?: boolean }) {
  const copy = async () => {
    await navigator.clipboard?.writeText(props.certificate.verify_url)
    toast.success(t('certificate.copied'), t('certificate.copiedText'))
  }
  return (
    <div class="flex flex-wrap items-center gap-2">
      <DownloadButton certificate={props.certificate} variant={props.primary ? 'primary' : 'secondary'} />
      <A href={verifyPath(props.certificate.code)} class="btn-ghost">
        <ExternalLink size={16} aria-hidden="true" />
        {t('certificate.verifyPage')}
      </A>
      <Show when={typeof navigator !== 'undefined' && navigator.clipboard}>
        <Button variant="ghost" onClick={copy}>
          <Copy size={16} aria-hidden="true" />
          {t('certificate.copy')}
        </Button>
      </Show>
    </div>
  )
}
