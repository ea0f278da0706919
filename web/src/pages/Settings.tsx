import { createAsync, revalidate, useNavigate } from '@solidjs/router'
import Lock from 'lucide-solid/icons/lock'
import { createMemo, createSignal, Show } from 'solid-js'
import { type Tenant, UpdateTenantBody } from '../../../edge/contract/tenancy.ts'
import { ApiError, errorMessage } from '../api/errors.ts'
import { isAdminRole, useTenant } from '../components/Tenant/TenantContext.tsx'
import { Button } from '../components/UI/Button.tsx'
import { EmptyState } from '../components/UI/EmptyState.tsx'
import { focusFirstInvalid, SelectField, TextField } from '../components/UI/Field.tsx'
import { FormAlert } from '../components/UI/FormAlert.tsx'
import { usePageTitle } from '../components/UI/Page.tsx'
import { toast } from '../components/UI/Toaster.tsx'
import { type FieldErrors, validate } from '../lib/forms.ts'
import { api } from '../lib/runtime.ts'
import { useApp } from '../state/AppContext.tsx'
import { getTenant } from './Settings.data.ts'

/** Every IANA zone this browser knows, plus UTC. */
function timeZones(current: string): string[] {
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', current])
  return [...zones].sort()
}

/** /t/:slug/settings — owners and admins rename the school, change its address and time zone. */
export default function Settings() {
  const tenant = useTenant()
  usePageTitle(() => `Settings · ${tenant().name}`)
  return (
    <Show
      when={isAdminRole(tenant().role)}
      fallback={
        <EmptyState icon={<Lock size={28} />} title="Only owners and admins can change settings">
          Ask an owner or admin of {tenant().name} if something here needs to change.
        </EmptyState>
      }
    >
      <SettingsForm />
    </Show>
  )
}

function SettingsForm() {
  const tenant = useTenant()
  const details = createAsync(() => getTenant(tenant().id))
  return <Show when={details()}>{(t) => <Form current={t()} />}</Show>
}

function Form(props: { current: Tenant }) {
  const { tenant: tenants } = useApp()
  const navigate = useNavigate()
  const [name, setName] = createSignal(props.current.name)
  const [slug, setSlug] = createSignal(props.current.slug)
  const [zone, setZone] = createSignal(props.current.time_zone)
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const zones = createMemo(() =>
    timeZones(props.current.time_zone).map((z) => ({ value: z, label: z.replaceAll('_', ' ') })),
  )
  let form: HTMLFormElement | undefined

  const changes = () => {
    const body: Record<string, string> = {}
    if (name().trim() !== props.current.name) body.name = name()
    if (slug().trim().toLowerCase() !== props.current.slug) body.slug = slug()
    if (zone() !== props.current.time_zone) body.time_zone = zone()
    return body
  }

  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setFormError()
    const body = changes()
    if (Object.keys(body).length === 0)
      return toast.success('Nothing to save', 'You have not changed anything.')
    const checked = validate(UpdateTenantBody, body)
    if (!checked.ok) {
      setErrors(checked.errors)
      return focusFirstInvalid(form)
    }
    setErrors({})
    setPending(true)
    try {
      const before = props.current
      await api().patch('/tenants/:id', checked.data, { params: { id: before.id } })
      toast.success('Settings saved')
      if (checked.data.slug && checked.data.slug !== before.slug) {
        tenants.remember(checked.data.slug)
        navigate(`/t/${checked.data.slug}/settings`, { replace: true })
      }
      await Promise.all([tenants.refresh(), revalidate(getTenant.keyFor(before.id))])
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors() : {}
      if (fields.name || fields.slug || fields.time_zone) {
        setErrors(fields)
        focusFirstInvalid(form)
      } else setFormError(errorMessage(err))
    } finally {
      setPending(false)
    }
  }

  return (
    <div class="max-w-2xl">
      <h1 class="text-2xl font-bold tracking-tight">Settings</h1>
      <p class="mt-1 mb-6 text-sm text-muted">
        The school’s name, its web address and the time zone its schedule uses.
      </p>
      <form ref={form} onSubmit={submit} noValidate class="card space-y-5 p-5 sm:p-6">
        <TextField
          label="School name"
          name="name"
          value={name()}
          onValue={setName}
          error={errors().name}
          required
        />
        <TextField
          label="School address"
          name="slug"
          prefix={`${location.host}/t/`}
          value={slug()}
          onValue={(v) => setSlug(v.toLowerCase())}
          error={errors().slug}
          description="Lowercase letters, digits and dashes. Old links to the previous address stop working."
          autocapitalize="off"
          spellcheck={false}
          required
        />
        <SelectField
          label="Time zone"
          name="time_zone"
          value={zone()}
          onValue={setZone}
          options={zones()}
          error={errors().time_zone}
        />
        <Show when={formError()}>
          <FormAlert>
            <p>{formError()}</p>
          </FormAlert>
        </Show>
        <div class="flex justify-end">
          <Button type="submit" pending={pending()}>
            Save changes
          </Button>
        </div>
      </form>
    </div>
  )
}
