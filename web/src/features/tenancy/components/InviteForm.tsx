import { A, revalidate } from '@solidjs/router'
import Copy from 'lucide-solid/icons/copy'
import Send from 'lucide-solid/icons/send'
import { createSignal, Show } from 'solid-js'
import { TENANT_ROLES } from '../../../../../edge/contract/roles.ts'
import type { CreatedInvitation, TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { roleLabel } from '../../../lib/format.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { withQuery } from '../../../lib/navigation.ts'
import { api } from '../../../lib/runtime.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getInvitations } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Invite someone by email with a role; shows the one-time link after sending. */
export function InviteForm() {
  const { config } = useApp()
  const tenant = useTenant()
  const [email, setEmail] = createSignal('')
  const [role, setRole] = createSignal<TenantRole>('instructor')
  const [sent, setSent] = createSignal<CreatedInvitation>()

  const roles = () =>
    TENANT_ROLES.filter((r) => r !== 'owner' || tenant().role === 'owner').map((r) => ({
      value: r,
      label: roleLabel(r),
    }))

  const form = createForm({
    fields: ['email', 'role'],
    validate: async () => {
      // The schema loads with the first invitation sent, not with the members page.
      const { CreateInvitationBody } = await import('../../../../../edge/contract/tenancy.ts')
      return validate(CreateInvitationBody, { email: email(), role: role() })
    },
    submit: async (body) => {
      const invitation = await api().post('/tenants/:id/invitations', body, { params: { id: tenant().id } })
      setSent(invitation)
      setEmail('')
      toast.success(
        t('inviteForm.sent'),
        t('inviteForm.sentText', { email: invitation.email, role: roleLabel(invitation.role).toLowerCase() }),
      )
      await revalidate(getInvitations.keyFor(tenant().id))
    },
  })

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url)
      toast.success(t('inviteForm.copied'))
    } catch {
      toast.error(t('inviteForm.copyFailed'), t('inviteForm.copyFailedText'))
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
        class="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-start"
      >
        <TextField
          label={t('inviteForm.email')}
          type="email"
          name="email"
          autocomplete="off"
          placeholder={t('inviteForm.emailPlaceholder')}
          value={email()}
          onValue={setEmail}
          error={form.errors().email}
          required
        />
        <SelectField
          label={t('inviteForm.role')}
          name="role"
          value={role()}
          onValue={setRole}
          options={roles()}
          error={form.errors().role}
        />
        <Button type="submit" pending={form.pending()} class="sm:mt-7">
          <Show when={!form.pending()}>
            <Send size={16} />
          </Show>
          {t('inviteForm.submit')}
        </Button>
      </form>
      <FormError form={form} />
      <Show when={sent()}>
        {(inv) => (
          <FormAlert tone="success" title={t('inviteForm.sentTo', { email: inv().email })}>
            <p>{t('inviteForm.share')}</p>
            <div class="mt-2 flex flex-col gap-2 sm:flex-row sm:items-center">
              <code class="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1 font-mono text-xs text-fg">
                {inv().invite_url}
              </code>
              <button
                type="button"
                class="btn-secondary min-h-8 px-3 py-1 text-xs no-underline!"
                onClick={() => copy(inv().invite_url)}
              >
                <Copy size={14} />
                {t('inviteForm.copy')}
              </button>
            </div>
            <Show when={config.localMailbox}>
              <p class="mt-2">
                {t('inviteForm.localBefore')}{' '}
                <A href={withQuery('/mailbox', { to: inv().email })}>{t('inviteForm.localMailbox')}</A>.
              </p>
            </Show>
          </FormAlert>
        )}
      </Show>
    </div>
  )
}
