import { A, createAsync, type RouteSectionProps, useNavigate } from '@solidjs/router'
import HeartHandshake from 'lucide-solid/icons/heart-handshake'
import { createSignal, Match, Show, Switch } from 'solid-js'
import type { GuardianInvitationPreview } from '../../../../edge/contract/guardians.ts'
import { errorMessage } from '../../api/errors.ts'
import { formatDate } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { withQuery } from '../../lib/navigation.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { useSignOut } from '../auth/useSignOut.ts'
import { acceptGuardianInvitation, getGuardianInvitationPreview } from './api.ts'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/** /guardian-invite/:token — who invites you to follow which child; signed in as its recipient, accept it. */
export default function GuardianInvite(props: RouteSectionProps) {
  usePageTitle(() => t('accept.docTitle'))
  const preview = createAsync(() => getGuardianInvitationPreview(props.params.token ?? ''))
  return (
    <div class="mx-auto w-full max-w-xl px-4 py-10 sm:py-16">
      <Boundary keys={getGuardianInvitationPreview.key}>
        <Show when={preview()}>{(p) => <InviteCard token={props.params.token ?? ''} preview={p()} />}</Show>
      </Boundary>
    </div>
  )
}

function InviteCard(props: { token: string; preview: GuardianInvitationPreview }) {
  const { session, tenant } = useApp()
  const navigate = useNavigate()
  const signOut = useSignOut()
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const p = () => props.preview
  const here = () => `/guardian-invite/${encodeURIComponent(props.token)}`
  const me = () => session.user()?.email?.toLowerCase()
  const wrongAccount = () => !!me() && me() !== p().email.toLowerCase()

  async function accept() {
    setPending(true)
    setError()
    try {
      const done = await acceptGuardianInvitation(props.token)
      tenant.remember(done.tenant_slug)
      await tenant.refresh()
      toast.success(t('accept.done', { name: done.student_name }))
      navigate(`/t/${done.tenant_slug}/children/${done.student_id}`, { replace: true })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <div class="card overflow-hidden">
      <div class="bg-gradient-to-br from-brand-600 to-brand-800 px-6 py-8 text-white">
        <HeartHandshake size={28} class="text-white/80" aria-hidden="true" />
        <p class="mt-4 text-sm text-white/80">
          {p().inviter_name ? t('accept.invitedBy', { name: p().inviter_name ?? '' }) : t('accept.invited')}
        </p>
        <h1 class="mt-1 text-2xl font-bold tracking-tight">{p().student_name}</h1>
        <p class="mt-1 text-white/80">{t('accept.atSchool', { school: p().tenant_name })}</p>
      </div>
      <div class="space-y-6 p-6">
        <p class="text-sm">{t('accept.what')}</p>
        <dl class="grid grid-cols-1 gap-4 text-sm sm:grid-cols-2">
          <div>
            <dt class="text-xs font-medium text-muted uppercase">{t('accept.for')}</dt>
            <dd class="[overflow-wrap:anywhere]">{p().email}</dd>
          </div>
          <div>
            <dt class="text-xs font-medium text-muted uppercase">
              {p().status === 'expired' ? t('accept.expired') : t('accept.expires')}
            </dt>
            <dd>{formatDate(p().expires_at)}</dd>
          </div>
        </dl>
        <Switch>
          <Match when={p().status === 'expired'}>
            <FormAlert tone="warn" title={t('accept.expiredTitle')}>
              <p>{t('accept.expiredText')}</p>
            </FormAlert>
          </Match>
          <Match when={p().status === 'accepted'}>
            <FormAlert tone="info" title={t('accept.usedTitle')}>
              <p>
                {t('accept.usedText')}{' '}
                <Show when={tenant.membershipFor(p().tenant_slug)}>
                  <A href={`/t/${p().tenant_slug}/children`}>{p().tenant_name}</A>
                </Show>
              </p>
            </FormAlert>
          </Match>
          <Match when={!session.ready()}>
            <div class="h-10" />
          </Match>
          <Match when={!session.user()}>
            <div class="space-y-3">
              <p class="text-sm text-muted">{t('accept.signInToAccept', { email: p().email })}</p>
              <div class="flex flex-col gap-3 sm:flex-row">
                <A href={withQuery('/signin', { next: here(), email: p().email })} class="btn-primary flex-1">
                  {t('accept.signIn')}
                </A>
                <A
                  href={withQuery('/signup', { next: here(), email: p().email })}
                  class="btn-secondary flex-1"
                >
                  {t('accept.signUp')}
                </A>
              </div>
            </div>
          </Match>
          <Match when={wrongAccount()}>
            <FormAlert tone="warn">
              <p>{t('accept.wrongAccount', { email: p().email, me: me() ?? '' })}</p>
            </FormAlert>
            <Button variant="secondary" class="w-full" onClick={() => void signOut('local', here())}>
              {t('accept.switch')}
            </Button>
          </Match>
          <Match when={true}>
            <div class="space-y-3">
              <Show when={error()}>
                <FormAlert>
                  <p>{error()}</p>
                </FormAlert>
              </Show>
              <Button class="w-full" pending={pending()} onClick={accept}>
                {t('accept.accept', { name: p().student_name })}
              </Button>
              <p class="text-center text-sm text-muted">{t('accept.signedInAs', { email: me() ?? '' })}</p>
            </div>
          </Match>
        </Switch>
      </div>
    </div>
  )
}
