import { createAsync, revalidate, useNavigate } from '@solidjs/router'
import Lock from 'lucide-solid/icons/lock'
import { createMemo, createSignal, Show } from 'solid-js'
import { type Tenant, UpdateTenantBody } from '../../../../edge/contract/tenancy.ts'
import { type Validated, validate } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { SelectField, TextField } from '../../ui/Field.tsx'
import { FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { ForumSettingsLink } from '../forum/components/ForumSettingsLink.tsx'
import { AiSettingsLink } from '../tutor/links/TutorLinks.tsx'
import { AuditLink } from './components/AuditLink.tsx'
import { MfaRequirement } from './components/MfaRequirement.tsx'
import { SchoolDataZone } from './components/SchoolDataSection.lazy.ts'
import { messages } from './messages.ts'
import { getTenant } from './Settings.data.ts'

const t = translator(messages)

/** Every IANA zone this browser knows, plus UTC. */
function timeZones(current: string): string[] {
  const zones = new Set([...Intl.supportedValuesOf('timeZone'), 'UTC', current])
  return [...zones].sort()
}

/** /t/:slug/settings — owners and admins rename the school, change its address and time zone. */
export default function Settings() {
  const tenant = useTenant()
  usePageTitle(() => t('settings.docTitle', { school: tenant().name }))
  return (
    <Show
      when={isAdminRole(tenant().role)}
      fallback={
        <EmptyState icon={<Lock size={28} />} title={t('settings.forbidden')}>
          {t('settings.forbiddenText', { school: tenant().name })}
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
  return <Show when={details()}>{(current) => <Form current={current()} />}</Show>
}

function Form(props: { current: Tenant }) {
  const { tenant: tenants } = useApp()
  const navigate = useNavigate()
  const [name, setName] = createSignal(props.current.name)
  const [slug, setSlug] = createSignal(props.current.slug)
  const [zone, setZone] = createSignal(props.current.time_zone)
  const zones = createMemo(() =>
    timeZones(props.current.time_zone).map((z) => ({ value: z, label: z.replaceAll('_', ' ') })),
  )

  /** Only what changed is sent. */
  const changes = () => {
    const body: Record<string, string> = {}
    if (name().trim() !== props.current.name) body.name = name()
    if (slug().trim().toLowerCase() !== props.current.slug) body.slug = slug()
    if (zone() !== props.current.time_zone) body.time_zone = zone()
    return body
  }

  const form = createForm({
    fields: ['name', 'slug', 'time_zone'],
    // Nothing changed: nothing to check or send (the API wants at least one field).
    validate: (): Validated<UpdateTenantBody | null> =>
      Object.keys(changes()).length === 0 ? { ok: true, data: null } : validate(UpdateTenantBody, changes()),
    submit: async (body) => {
      if (!body) return toast.success(t('settings.nothing'), t('settings.nothingText'))
      const before = props.current
      await api().patch('/tenants/:id', body, { params: { id: before.id } })
      toast.success(t('settings.saved'))
      if (body.slug && body.slug !== before.slug) {
        tenants.remember(body.slug)
        navigate(`/t/${body.slug}/settings`, { replace: true })
      }
      await Promise.all([tenants.refresh(), revalidate(getTenant.keyFor(before.id))])
    },
  })

  return (
    <div class="max-w-2xl">
      <h1 class="text-2xl font-bold tracking-tight">{t('settings.title')}</h1>
      <p class="mt-1 mb-6 text-sm text-muted">{t('settings.text')}</p>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-5 p-5 sm:p-6">
        <TextField
          label={t('school.name')}
          name="name"
          value={name()}
          onValue={setName}
          error={form.errors().name}
          required
        />
        <TextField
          label={t('school.address')}
          name="slug"
          prefix={`${location.host}/t/`}
          value={slug()}
          onValue={(v) => setSlug(v.toLowerCase())}
          error={form.errors().slug}
          description={t('settings.addressHint')}
          autocapitalize="off"
          spellcheck={false}
          required
        />
        <SelectField
          label={t('settings.timeZone')}
          name="time_zone"
          value={zone()}
          onValue={setZone}
          options={zones()}
          error={form.errors().time_zone}
        />
        <FormError form={form} />
        <div class="flex justify-end">
          <Button type="submit" pending={form.pending()}>
            {t('settings.submit')}
          </Button>
        </div>
      </form>
      <MfaRequirement current={props.current} />
      <AiSettingsLink />
      <AuditLink />
      <ForumSettingsLink />
      <SchoolDataZone />
    </div>
  )
}
