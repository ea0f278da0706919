import Award from 'lucide-solid/icons/award'
import { type JSX, Show } from 'solid-js'
import type { Certificate } from '../../../../../edge/contract/certificates.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { certificateState, formatCertificateCode } from '../certificates.ts'
import { messages } from '../messages.ts'
import { CertificateLinks } from './CertificateLinks.tsx'

const t = translator(messages)

/** One certificate in a list: course, student, dates, code, valid or revoked, and what can be done. */
export function CertificateCard(props: {
  certificate: Certificate
  showStudent?: boolean
  actions?: JSX.Element
}) {
  const c = () => props.certificate
  const revoked = () => certificateState(c()) === 'revoked'
  return (
    <li class="card flex flex-col gap-4 p-4 sm:flex-row sm:items-start sm:justify-between sm:p-5">
      <div class="flex min-w-0 gap-3">
        <span
          class={`mt-0.5 shrink-0 self-start rounded-lg p-2 ${revoked() ? 'bg-danger-soft text-danger' : 'bg-primary/10 text-primary'}`}
          aria-hidden="true"
        >
          <Award size={20} />
        </span>
        <div class="min-w-0">
          <p class="font-semibold [overflow-wrap:anywhere]">{c().course_title}</p>
          <Show when={props.showStudent}>
            <p class="text-sm">{t('certificate.awardedTo', { name: c().student_name })}</p>
          </Show>
          <p class="mt-1 text-sm text-muted">
            {t('certificate.issued', { date: formatDate(c().issued_at) })} ·{' '}
            <span class="whitespace-nowrap font-mono">
              {t('certificate.code', { code: formatCertificateCode(c().code) })}
            </span>
          </p>
          <p class="mt-2">
            <Show
              when={revoked()}
              fallback={<span class="badge bg-success-soft text-success">{t('certificate.valid')}</span>}
            >
              <span class="badge bg-danger-soft text-danger">{t('certificate.revoked')}</span>{' '}
              <span class="text-sm text-muted">
                {t('certificate.revokedOn', {
                  date: formatDate(c().revoked_at),
                  reason: c().revoked_reason ?? '',
                })}
              </span>
            </Show>
          </p>
          <Show when={!c().course_id}>
            <p class="mt-1 text-xs text-muted">{t('certificate.courseGone')}</p>
          </Show>
        </div>
      </div>
      <div class="flex shrink-0 flex-wrap items-center gap-2">
        <Show when={!revoked()}>
          <CertificateLinks certificate={c()} />
        </Show>
        {props.actions}
      </div>
    </li>
  )
}
