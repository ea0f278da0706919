import { createAsync, revalidate } from '@solidjs/router'
import Copy from 'lucide-solid/icons/copy'
import Send from 'lucide-solid/icons/send'
import { createSignal, For, Show } from 'solid-js'
import type { CreatedGuardianInvitation, GuardianInvitation } from '../../../../edge/contract/guardians.ts'
import { errorMessage } from '../../api/errors.ts'
import { formatDate } from '../../lib/format.ts'
import { validate } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Button } from '../../ui/Button.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert, FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { toast } from '../../ui/Toaster.tsx'
import { getGuardianInvitations, inviteGuardian, revokeGuardianInvitation } from './api.ts'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/**
 * Invite a parent by email for one student (the student themself, or an admin), show the one-time
 * link after sending, and list the student's invitations with "Revoke" on those still waiting.
 */
export function InviteParentForm(props: { tenantId: string; studentId: string }) {
  const [email, setEmail] = createSignal('')
  const [sent, setSent] = createSignal<CreatedGuardianInvitation>()
  const refresh = () => revalidate(getGuardianInvitations.keyFor(props.tenantId, props.studentId))
  const form = createForm({
    fields: ['email'],
    validate: async () => {
      // The schema loads with the first invitation sent, not with the page.
      const { CreateGuardianInvitationBody } = await import('../../../../edge/contract/guardians.ts')
      return validate(CreateGuardianInvitationBody, { student_id: props.studentId, email: email() })
    },
    submit: async (body) => {
      const made = await inviteGuardian(props.tenantId, body)
      setSent(made)
      setEmail('')
      toast.success(t('invite.sentTo', { email: made.email }))
      await refresh()
    },
  })

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url)
      toast.success(t('invite.copied'))
    } catch {
      toast.error(t('invite.copyFailed'))
    }
  }

  return (
    <div class="space-y-4">
      <form
        ref={form.ref}
        onSubmit={(e) => {
          setSent()
          return form.onSubmit(e)
        }}
        noValidate
        class="grid grid-cols-1 gap-3 sm:grid-cols-[minmax(0,1fr)_auto] sm:items-start"
      >
        <TextField
          label={t('invite.email')}
          type="email"
          name="email"
          autocomplete="off"
          placeholder={t('invite.emailPlaceholder')}
          value={email()}
          onValue={setEmail}
          error={form.errors().email}
          required
        />
        <Button type="submit" pending={form.pending()} class="sm:mt-7">
          <Show when={!form.pending()}>
            <Send size={16} aria-hidden="true" />
          </Show>
          {t('invite.send')}
        </Button>
      </form>
      <FormError form={form} />
      <Show when={sent()}>
        {(inv) => (
          <FormAlert tone="success" title={t('invite.sentTo', { email: inv().email })}>
            <p>{t('invite.share')}</p>
            <div class="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
              <code
                class="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1 font-mono text-xs text-fg"
                data-testid="guardian-invite-url"
              >
                {inv().invite_url}
              </code>
              <button
                type="button"
                class="btn-secondary min-h-8 px-3 py-1 text-xs no-underline!"
                onClick={() => copy(inv().invite_url)}
              >
                <Copy size={14} aria-hidden="true" />
                {t('invite.copy')}
              </button>
            </div>
          </FormAlert>
        )}
      </Show>
      <InvitationList tenantId={props.tenantId} studentId={props.studentId} onChange={refresh} />
    </div>
  )
}

function InvitationList(props: { tenantId: string; studentId: string; onChange: () => Promise<void> }) {
  const list = createAsync(() => getGuardianInvitations(props.tenantId, props.studentId))
  const [busy, setBusy] = createSignal<string>()
  async function revoke(inv: GuardianInvitation) {
    setBusy(inv.id)
    try {
      await revokeGuardianInvitation(props.tenantId, inv.id)
      toast.success(t('invite.revoked'))
      await props.onChange()
    } catch (e) {
      toast.error(errorMessage(e))
    } finally {
      setBusy()
    }
  }
  return (
    <Show when={list()}>
      {(items) => (
        <div>
          <h3 class="text-sm font-medium">{t('invite.list')}</h3>
          <ul class="mt-1 divide-y divide-line text-sm">
            <For each={items()} fallback={<li class="py-2 text-muted">{t('invite.none')}</li>}>
              {(inv) => (
                <li class="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span class="min-w-0 truncate">
                    {inv.email}{' '}
                    <span class="text-muted">
                      · {t(`invite.status.${inv.status}`)} · {formatDate(inv.created_at)}
                    </span>
                  </span>
                  <Show when={inv.status !== 'accepted'}>
                    <button
                      type="button"
                      class="btn-ghost min-h-9 px-3 text-danger"
                      disabled={busy() !== undefined}
                      aria-label={t('invite.revokeLabel', { email: inv.email })}
                      onClick={() => void revoke(inv)}
                    >
                      {t('invite.revoke')}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </div>
      )}
    </Show>
  )
}
