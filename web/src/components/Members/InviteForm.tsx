import { A, revalidate } from '@solidjs/router'
import Copy from 'lucide-solid/icons/copy'
import Send from 'lucide-solid/icons/send'
import { createSignal, Show } from 'solid-js'
import {
  type CreatedInvitation,
  CreateInvitationBody,
  TENANT_ROLES,
  type TenantRole,
} from '../../../../edge/contract/tenancy.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { getInvitations } from '../../api/queries.ts'
import { roleLabel } from '../../lib/format.ts'
import { type FieldErrors, validate } from '../../lib/forms.ts'
import { withQuery } from '../../lib/navigation.ts'
import { api } from '../../lib/runtime.ts'
import { useApp } from '../../state/AppContext.tsx'
import { useTenant } from '../Tenant/TenantContext.tsx'
import { Button } from '../UI/Button.tsx'
import { focusFirstInvalid, SelectField, TextField } from '../UI/Field.tsx'
import { FormAlert } from '../UI/FormAlert.tsx'
import { toast } from '../UI/Toaster.tsx'

/** Invite someone by email with a role; shows the one-time link after sending. */
export function InviteForm() {
  const { config } = useApp()
  const tenant = useTenant()
  const [email, setEmail] = createSignal('')
  const [role, setRole] = createSignal<TenantRole>('instructor')
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const [sent, setSent] = createSignal<CreatedInvitation>()
  let form: HTMLFormElement | undefined

  const roles = () =>
    TENANT_ROLES.filter((r) => r !== 'owner' || tenant().role === 'owner').map((r) => ({
      value: r,
      label: roleLabel(r),
    }))

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    setSent()
    const checked = validate(CreateInvitationBody, { email: email(), role: role() })
    if (!checked.ok) {
      setErrors(checked.errors)
      return focusFirstInvalid(form)
    }
    setErrors({})
    setPending(true)
    try {
      const invitation = await api().post('/tenants/:id/invitations', checked.data, {
        params: { id: tenant().id },
      })
      setSent(invitation)
      setEmail('')
      toast.success(
        'Invitation sent',
        `${invitation.email} is invited as ${roleLabel(invitation.role).toLowerCase()}.`,
      )
      await revalidate(getInvitations.keyFor(tenant().id))
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (fields.email || fields.role) {
        setErrors(fields)
        focusFirstInvalid(form)
      } else setFormError(errorMessage(err))
    } finally {
      setPending(false)
    }
  }

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
        ref={form}
        onSubmit={submit}
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
          error={errors().email}
          required
        />
        <SelectField
          label="Role"
          name="role"
          value={role()}
          onValue={setRole}
          options={roles()}
          error={errors().role}
        />
        <Button type="submit" pending={pending()} class="sm:mt-7">
          <Show when={!pending()}>
            <Send size={16} />
          </Show>
          Send invitation
        </Button>
      </form>
      <Show when={formError()}>
        <FormAlert>
          <p>{formError()}</p>
        </FormAlert>
      </Show>
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
