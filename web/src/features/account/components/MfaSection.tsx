import type { Factor } from '@supabase/supabase-js'
import { createResource, createSignal, For, Show } from 'solid-js'
import { errorMessage } from '../../../api/errors.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { authCall } from '../security-api.ts'
import { messages } from '../security-messages.ts'

const t = translator(messages)

interface Enrolment {
  id: string
  qr: string
  secret: string
}

/** The authenticator app (TOTP): set up with a QR code and a first code, recovery codes, turn off. */
export function MfaSection() {
  const { supabase, config, session } = useApp()
  const [state, { refetch }] = createResource(async () => {
    const [factors, level] = await Promise.all([
      supabase.auth.mfa.listFactors(),
      supabase.auth.mfa.getAuthenticatorAssuranceLevel(),
    ])
    if (factors.error) throw factors.error
    const verified = factors.data.totp[0] as Factor | undefined
    const remaining = verified
      ? (await authCall<{ remaining: number }>(supabase, config, 'GET', '/recovery_codes')).remaining
      : 0
    return { verified, aal2: level.data?.currentLevel === 'aal2', remaining }
  })
  const [enrolment, setEnrolment] = createSignal<Enrolment>()
  const [codes, setCodes] = createSignal<string[]>()
  const [confirmRemove, setConfirmRemove] = createSignal(false)
  const [starting, setStarting] = createSignal(false)
  const [startError, setStartError] = createSignal<string>()

  const start = async () => {
    setStarting(true)
    setStartError()
    try {
      const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp' })
      if (error) throw error
      setEnrolment({ id: data.id, qr: data.totp.qr_code, secret: data.totp.secret })
    } catch (e) {
      setStartError(errorMessage(e))
    } finally {
      setStarting(false)
    }
  }
  const cancel = async () => {
    const id = enrolment()?.id
    setEnrolment()
    if (id) await supabase.auth.mfa.unenroll({ factorId: id })
  }
  const newCodes = async () => {
    const made = await authCall<{ recovery_codes: string[] }>(supabase, config, 'POST', '/recovery_codes')
    setCodes(made.recovery_codes)
  }

  const [code, setCode] = createSignal('')
  const form = createForm({
    validate: () =>
      checked(/^\d{6}$/.test(code().trim()) ? {} : { code: t('mfa.codeRequired') }, code().trim()),
    submit: async (value) => {
      const factorId = enrolment()?.id as string
      const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId, code: value })
      if (error) throw error
      setEnrolment()
      setCode('')
      toast.success(t('mfa.enabled'))
      await newCodes()
      await refetch()
    },
  })

  return (
    <div class="space-y-4">
      <p class="text-sm text-muted">{t('mfa.text')}</p>
      <Show when={!state.loading || state()} fallback={<Skeleton class="h-10 w-2/3" />}>
        <Show when={state.error}>
          <FormAlert tone="error">{errorMessage(state.error)}</FormAlert>
        </Show>
        <Show when={codes()}>
          {(list) => (
            <RecoveryCodes codes={list()} email={session.user()?.email ?? ''} onDone={() => setCodes()} />
          )}
        </Show>
        <Show
          when={state()?.verified}
          fallback={
            <Show
              when={enrolment()}
              fallback={
                <>
                  <p>{t('mfa.off')}</p>
                  <Show when={startError()}>
                    <FormAlert tone="error">{startError()}</FormAlert>
                  </Show>
                  <Button pending={starting()} onClick={start}>
                    {t('mfa.start')}
                  </Button>
                </>
              }
            >
              {(e) => (
                <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
                  <p>{t('mfa.scan')}</p>
                  <img
                    src={e().qr}
                    alt={t('mfa.qrAlt')}
                    width="200"
                    height="200"
                    class="rounded border border-line bg-white"
                  />
                  <p class="text-sm">
                    {t('mfa.manual')}{' '}
                    <code class="break-all font-mono" data-testid="totp-secret">
                      {e().secret}
                    </code>
                  </p>
                  <TextField
                    label={t('mfa.code')}
                    description={t('mfa.codeHint')}
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    maxlength={6}
                    value={code()}
                    onValue={setCode}
                    error={form.errors().code}
                    required
                  />
                  <FormError form={form} />
                  <div class="flex justify-end gap-3">
                    <Button variant="secondary" type="button" onClick={cancel}>
                      {t('mfa.cancel')}
                    </Button>
                    <Button type="submit" pending={form.pending()}>
                      {t('mfa.verify')}
                    </Button>
                  </div>
                </form>
              )}
            </Show>
          }
        >
          {(factor) => (
            <>
              <p>{t('mfa.on', { name: factor().friendly_name || t('mfa.defaultName') })}</p>
              <Show when={state()?.aal2} fallback={<FormAlert tone="info">{t('mfa.needsStep')}</FormAlert>}>
                <p class="text-sm text-muted">
                  {t('recovery.remaining', { count: state()?.remaining ?? 0 })}
                </p>
                <div class="flex flex-col gap-3 sm:flex-row">
                  <Button
                    variant="secondary"
                    onClick={() => newCodes().catch((e) => toast.error(errorMessage(e)))}
                  >
                    {t('recovery.new')}
                  </Button>
                  <Button variant="danger" onClick={() => setConfirmRemove(true)}>
                    {t('mfa.remove')}
                  </Button>
                </div>
              </Show>
              <ConfirmDialog
                open={confirmRemove()}
                onOpenChange={setConfirmRemove}
                title={t('mfa.removeTitle')}
                confirmLabel={t('mfa.remove')}
                danger
                onConfirm={async () => {
                  const { error } = await supabase.auth.mfa.unenroll({ factorId: factor().id })
                  if (error) throw error
                  await supabase.auth.refreshSession()
                  toast.success(t('mfa.removed'))
                  setCodes()
                  await refetch()
                }}
              >
                <p>{t('mfa.removeText')}</p>
              </ConfirmDialog>
            </>
          )}
        </Show>
      </Show>
    </div>
  )
}

/** The new recovery codes, shown once: copy, download, done. */
function RecoveryCodes(props: { codes: string[]; email: string; onDone: () => void }) {
  const text = () => [t('recovery.fileHeading', { email: props.email }), '', ...props.codes].join('\n')
  const copy = async () => {
    await navigator.clipboard.writeText(text())
    toast.success(t('recovery.copied'))
  }
  const download = () => {
    const url = URL.createObjectURL(new Blob([`${text()}\n`], { type: 'text/plain' }))
    const a = document.createElement('a')
    a.href = url
    a.download = 'kipindi-recovery-codes.txt'
    a.click()
    URL.revokeObjectURL(url)
  }
  return (
    <section aria-labelledby="recovery-title" class="rounded-lg border border-line bg-subtle/60 p-4">
      <h3 id="recovery-title" class="font-semibold">
        {t('recovery.title')}
      </h3>
      <p class="mt-1 text-sm text-muted">{t('recovery.text')}</p>
      <ul class="mt-3 grid grid-cols-1 gap-1 font-mono sm:grid-cols-2" data-testid="recovery-codes">
        <For each={props.codes}>{(code) => <li>{code}</li>}</For>
      </ul>
      <div class="mt-4 flex flex-wrap gap-3">
        <Button variant="secondary" onClick={() => copy().catch(() => {})}>
          {t('recovery.copy')}
        </Button>
        <Button variant="secondary" onClick={download}>
          {t('recovery.download')}
        </Button>
        <Button onClick={props.onDone}>{t('recovery.done')}</Button>
      </div>
    </section>
  )
}
