import { createAsync, useNavigate, useParams } from '@solidjs/router'
import SearchX from 'lucide-solid/icons/search-x'
import ShieldCheck from 'lucide-solid/icons/shield-check'
import ShieldX from 'lucide-solid/icons/shield-x'
import { createSignal, type JSX, Show } from 'solid-js'
import type { VerifiedCertificate } from '../../../../edge/contract/certificates.ts'
import { normaliseCertificateCode } from '../../../../edge/contract/certificates-values.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { TextField } from '../../ui/Field.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { formatCertificateCode, foundCertificate, verifyPath } from './certificates.ts'
import { messages } from './messages.ts'
import { verifyCertificate } from './Verify.data.ts'

const t = translator(messages)

/**
 * /verify and /verify/:code — anyone, signed in or not, checks a certificate by its code: valid
 * (names and date), revoked (since when), or no such code; and checks another one.
 */
export default function Verify() {
  usePageTitle(() => t('verify.docTitle'))
  const params = useParams()
  const code = () => normaliseCertificateCode(params.code ?? '')
  return (
    <div class="mx-auto w-full max-w-xl space-y-6 px-4 py-10 sm:py-16">
      <div>
        <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{t('verify.title')}</h1>
        <p class="mt-2 text-muted">{t('verify.intro')}</p>
      </div>
      <Show when={code()}>
        {(c) => (
          <Boundary
            keys={verifyCertificate.keyFor(c())}
            fallback={<Skeleton class="h-56 w-full rounded-xl" />}
          >
            <Result code={c()} />
          </Boundary>
        )}
      </Show>
      <CodeForm another={!!code()} />
    </div>
  )
}

function Result(props: { code: string }) {
  const outcome = createAsync(() => verifyCertificate(props.code))
  return (
    <Show when={outcome()}>
      {(o) => (
        <Show when={foundCertificate(o())} fallback={<NotFound code={props.code} />}>
          {(c) => <Found certificate={c()} />}
        </Show>
      )}
    </Show>
  )
}

function NotFound(props: { code: string }) {
  return (
    <div role="status" class="card flex gap-4 p-6">
      <SearchX size={28} class="shrink-0 text-muted" aria-hidden="true" />
      <div class="min-w-0">
        <p class="text-lg font-semibold">{t('verify.notFoundTitle')}</p>
        <p class="mt-1 text-sm text-muted">{t('verify.notFoundText')}</p>
        <p class="mt-2 font-mono text-sm [overflow-wrap:anywhere]">{formatCertificateCode(props.code)}</p>
      </div>
    </div>
  )
}

function Found(props: { certificate: VerifiedCertificate }) {
  const c = () => props.certificate
  const valid = () => !c().revoked
  return (
    <div role="status" class="card overflow-hidden">
      <div class={`flex items-center gap-3 px-6 py-5 text-white ${valid() ? 'bg-success' : 'bg-danger'}`}>
        <Show when={valid()} fallback={<ShieldX size={28} aria-hidden="true" />}>
          <ShieldCheck size={28} aria-hidden="true" />
        </Show>
        <div>
          <p class="text-lg font-semibold">{valid() ? t('verify.validTitle') : t('verify.revokedTitle')}</p>
          <p class="text-sm text-white/90">
            {valid()
              ? t('verify.validText', { school: c().school_name })
              : t('verify.revokedText', { school: c().school_name, date: formatDate(c().revoked_at) })}
          </p>
        </div>
      </div>
      <dl class="grid grid-cols-1 gap-4 p-6 sm:grid-cols-2">
        <Fact label={t('verify.student')} class="sm:col-span-2">
          <span class="text-lg font-semibold">{c().student_name}</span>
        </Fact>
        <Fact label={t('verify.course')} class="sm:col-span-2">
          {c().course_title}
        </Fact>
        <Fact label={t('verify.school')}>{c().school_name}</Fact>
        <Fact label={t('verify.issued')}>{formatDate(c().issued_at)}</Fact>
        <Fact label={t('verify.codeLabel')}>
          <span class="font-mono">{formatCertificateCode(c().code)}</span>
        </Fact>
      </dl>
    </div>
  )
}

function Fact(props: { label: string; children: JSX.Element; class?: string }) {
  return (
    <div class={`min-w-0 ${props.class ?? ''}`}>
      <dt class="text-xs font-medium text-muted uppercase">{props.label}</dt>
      <dd class="[overflow-wrap:anywhere]">{props.children}</dd>
    </div>
  )
}

/** The code to check: goes to its /verify/<code> page. */
function CodeForm(props: { another: boolean }) {
  const navigate = useNavigate()
  const [typed, setTyped] = createSignal('')
  const [error, setError] = createSignal<string>()
  const submit = (e: SubmitEvent) => {
    e.preventDefault()
    if (!normaliseCertificateCode(typed())) {
      setError(t('verify.codeRequired'))
      return
    }
    setError()
    navigate(verifyPath(typed()))
    setTyped('')
  }
  return (
    <form onSubmit={submit} noValidate class="card space-y-4 p-6">
      <TextField
        label={props.another ? t('verify.another') : t('verify.code')}
        name="code"
        placeholder={t('verify.codePlaceholder')}
        autocomplete="off"
        autocapitalize="characters"
        spellcheck={false}
        value={typed()}
        onValue={setTyped}
        error={error()}
      />
      <Button type="submit">{t('verify.check')}</Button>
    </form>
  )
}
