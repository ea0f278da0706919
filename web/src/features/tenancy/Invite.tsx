import { A, createAsync, type RouteSectionProps, useNavigate } from '@solidjs/router'
import CalendarClock from 'lucide-solid/icons/calendar-clock'
import MailOpen from 'lucide-solid/icons/mail-open'
import UserRound from 'lucide-solid/icons/user-round'
import { createSignal, type JSX, Match, Show, Switch } from 'solid-js'
import type { InvitationPreview } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { formatDate, relativeTime, roleLabel } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { withQuery } from '../../lib/navigation.ts'
import { api } from '../../lib/runtime.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { RoleBadge } from '../../ui/RoleBadge.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { useSignOut } from '../auth/useSignOut.ts'
import { getInvitationPreview } from './Invite.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /invite/:token — shows the invitation; signed in as its recipient, accept it. */
export default function Invite(props: RouteSectionProps) {
  usePageTitle(() => t('invite.docTitle'))
  return (
    <div class="mx-auto w-full max-w-xl px-4 py-10 sm:py-16">
      <Boundary keys={getInvitationPreview.key}>
        <InviteView token={props.params.token ?? ''} />
      </Boundary>
    </div>
  )
}

function Detail(props: { icon: JSX.Element; label: string; children: JSX.Element; class?: string }) {
  return (
    <div class={`flex items-start gap-3 ${props.class ?? ''}`}>
      <span class="mt-0.5 text-muted">{props.icon}</span>
      <div class="min-w-0">
        <dt class="text-xs font-medium text-muted uppercase">{props.label}</dt>
        <dd class="[overflow-wrap:anywhere]">{props.children}</dd>
      </div>
    </div>
  )
}

function InviteView(props: { token: string }) {
  const preview = createAsync(() => getInvitationPreview(props.token))
  return <Show when={preview()}>{(p) => <InviteCard token={props.token} preview={p()} />}</Show>
}

function InviteCard(props: { token: string; preview: InvitationPreview }) {
  const { session, tenant } = useApp()
  const navigate = useNavigate()
  const signOut = useSignOut()
  const [pending, setPending] = createSignal(false)
  const [error, setError] = createSignal<string>()
  const p = () => props.preview
  const here = () => `/invite/${encodeURIComponent(props.token)}`
  const signedInAs = () => session.user()?.email?.toLowerCase()
  const wrongAccount = () => !!signedInAs() && signedInAs() !== p().email.toLowerCase()
  const alreadyMember = () => tenant.membershipFor(p().tenant_slug)

  async function accept() {
    setPending(true)
    setError()
    try {
      const joined = await api().post('/invitations/accept', { token: props.token })
      tenant.remember(joined.tenant_slug)
      await tenant.refresh()
      toast.success(
        t('invite.welcome', { school: joined.tenant_name }),
        t('invite.joinedAs', { role: roleLabel(joined.role).toLowerCase() }),
      )
      navigate(`/t/${joined.tenant_slug}`, { replace: true })
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setPending(false)
    }
  }

  return (
    <div class="card overflow-hidden">
      <div class="bg-gradient-to-br from-brand-600 to-brand-800 px-6 py-8 text-white">
        <MailOpen size={28} class="text-white/80" />
        <p class="mt-4 text-sm text-white/80">
          {p().inviter_name ? t('invite.invitedBy', { name: p().inviter_name ?? '' }) : t('invite.invited')}
        </p>
        <h1 class="mt-1 text-2xl font-bold tracking-tight">{p().tenant_name}</h1>
      </div>
      <div class="space-y-6 p-6">
        <dl class="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Detail icon={<MailOpen size={18} />} label={t('invite.for')} class="sm:col-span-2">
            {p().email}
          </Detail>
          <Detail icon={<UserRound size={18} />} label={t('invite.role')}>
            <RoleBadge role={p().role} />
          </Detail>
          <Detail
            icon={<CalendarClock size={18} />}
            label={t(p().status === 'expired' ? 'invite.expired' : 'invite.expires')}
          >
            {formatDate(p().expires_at)}
            <Show when={p().status === 'pending'}>
              <span class="text-muted"> ({relativeTime(p().expires_at)})</span>
            </Show>
          </Detail>
        </dl>

        <Switch>
          <Match when={p().status === 'expired'}>
            <FormAlert tone="warn" title={t('invite.expiredTitle')}>
              <p>{t('invite.expiredText', { school: p().tenant_name })}</p>
            </FormAlert>
          </Match>
          <Match when={p().status === 'accepted'}>
            <FormAlert tone="info" title={t('invite.usedTitle')}>
              <Show when={alreadyMember()} fallback={<p>{t('invite.usedText')}</p>}>
                <p>
                  {t('invite.memberOf', { school: p().tenant_name })}{' '}
                  <A href={`/t/${p().tenant_slug}`}>{t('invite.openDashboard')}</A>.
                </p>
              </Show>
            </FormAlert>
          </Match>
          <Match when={!session.ready()}>
            <div class="h-10" />
          </Match>
          <Match when={!session.user()}>
            <div class="space-y-3">
              <p class="text-sm text-muted">{t('invite.signInToAccept', { email: p().email })}</p>
              <div class="flex flex-col gap-3 sm:flex-row">
                <A href={withQuery('/signin', { next: here(), email: p().email })} class="btn-primary flex-1">
                  {t('invite.signIn')}
                </A>
                <A
                  href={withQuery('/signup', { next: here(), email: p().email })}
                  class="btn-secondary flex-1"
                >
                  {t('invite.signUp')}
                </A>
              </div>
            </div>
          </Match>
          <Match when={wrongAccount()}>
            <FormAlert tone="warn" title={t('invite.otherTitle')}>
              <p>
                {t('invite.sentTo')} <strong>{p().email}</strong>
                {t('invite.butSignedInAs')} <strong>{session.user()?.email}</strong>.{' '}
                {t('invite.signOutThen', { email: p().email })}
              </p>
            </FormAlert>
            <Button variant="secondary" class="w-full" onClick={() => void signOut('local', here())}>
              {t('invite.switch')}
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
                {t('invite.accept')}
              </Button>
              <p class="text-center text-sm text-muted">
                {t('invite.signedInAs', { email: session.user()?.email ?? '' })}
              </p>
            </div>
          </Match>
        </Switch>
      </div>
    </div>
  )
}
