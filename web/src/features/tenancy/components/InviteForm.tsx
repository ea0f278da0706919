import { A, revalidate } from '@solidjs/router'
import Copy from 'lucide-solid/icons/copy'
import Send from 'lucide-solid/icons/send'
import { createSignal, Show } from 'solid-js'
import {
  type CreatedInvitation,
  CreateInvitationBody,
  TENANT_ROLES,
  type TenantRole,
} from '../../../../../edge/contract/tenancy.ts'
import { roleLabel } from '../../../lib/format.ts'
import { validate } from '../../../lib/forms.ts'
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
    validate: () => validate(CreateInvitationBody, { email: email(), role: role() }),
    submit: async (body) => {
      const invitation = await api().post('/tenants/:id/invitations', body, { params: { id: tenant().id } })
      setSent(invitation)
      setEmail('')
      toast.success(
        'Invitation sent',
        `${invitation.email} is invited as ${roleLabel(invitation.role).toLowerCase()}.`,
      )
      await revalidate(getInvitations.keyFor(tenant().id))
    },
  })

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url)
      toast.success('Link copied')
    } catch {
      toast.error('Could not copy', 'Select the link and copy it yourself.')
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
          label="Invite email"
          type="email"
          name="email"
          autocomplete="off"
          placeholder="teacher@example.org"
          value={email()}
          onValue={setEmail}
          error={form.errors().email}
          required
        />
        <SelectField
          label="Role"
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
          Send invitation
        </Button>
      </form>
      <FormError form={form} />
      <Show when={sent()}>
        {(inv) => (
          <FormAlert tone="success" title={`Invitation sent to ${inv().email}`}>
            <p>They can accept it from the email, or you can share this one-time link yourself:</p>
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
                Copy link
              </button>
            </div>
            <Show when={config.localMailbox}>
              <p class="mt-2">
                Local mode: the email is in the{' '}
                <A href={withQuery('/mailbox', { to: inv().email })}>local mailbox</A>.
              </p>
            </Show>
          </FormAlert>
        )}
      </Show>
    </div>
  )
}
