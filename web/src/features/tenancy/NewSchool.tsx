import { A, useNavigate } from '@solidjs/router'
import School from 'lucide-solid/icons/school'
import { createSignal, Show } from 'solid-js'
import { CreateTenantBody } from '../../../../edge/contract/tenancy.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { validate } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { api } from '../../lib/runtime.ts'
import { slugify } from '../../lib/slugify.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Button } from '../../ui/Button.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { usePageTitle } from '../../ui/Page.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** /app/new-school — name a school (its address follows the name until edited); you become its owner. */
export default function NewSchool() {
  const { tenant } = useApp()
  const navigate = useNavigate()
  usePageTitle(() => t('newSchool.title'))
  const [name, setName] = createSignal('')
  const [slug, setSlug] = createSignal('')
  const [slugEdited, setSlugEdited] = createSignal(false)
  const onName = (value: string) => {
    setName(value)
    if (!slugEdited()) setSlug(slugify(value))
  }

  const form = createForm({
    fields: ['name', 'slug'],
    // A taken address (409) is about the slug even when the server names no field.
    fieldErrors: (err) =>
      err instanceof ApiError && err.status === 409 && !err.fieldErrors().name
        ? { slug: err.fieldErrors().slug ?? t('newSchool.addressTaken', { message: errorMessage(err) }) }
        : undefined,
    validate: () => validate(CreateTenantBody, { name: name(), slug: slug() }),
    submit: async (body) => {
      const created = await api().post('/tenants', body)
      tenant.remember(created.slug)
      await tenant.refresh()
      toast.success(t('newSchool.ready', { name: created.name }), t('newSchool.readyText'))
      navigate(`/t/${created.slug}`, { replace: true })
    },
  })

  return (
    <div class="mx-auto w-full max-w-xl px-4 py-10 sm:py-14">
      <div class="mb-8 text-center">
        <span class="inline-grid size-14 place-items-center rounded-2xl bg-primary/10 text-primary">
          <School size={28} />
        </span>
        <h1 class="mt-4 text-2xl font-bold tracking-tight sm:text-3xl">{t('newSchool.title')}</h1>
        <p class="mt-2 text-muted">{t('newSchool.text')}</p>
      </div>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-5 p-5 sm:p-6">
        <TextField
          label={t('school.name')}
          name="name"
          autocomplete="organization"
          placeholder={t('newSchool.namePlaceholder')}
          value={name()}
          onValue={onName}
          error={form.errors().name}
          required
        />
        <TextField
          label={t('school.address')}
          name="slug"
          prefix={`${location.host}/t/`}
          value={slug()}
          onValue={(v) => {
            setSlugEdited(true)
            setSlug(v.toLowerCase())
          }}
          error={form.errors().slug}
          description={t('newSchool.addressHint')}
          autocapitalize="off"
          spellcheck={false}
          required
        />
        <FormError form={form} />
        <Button type="submit" pending={form.pending()} class="w-full">
          {t('newSchool.submit')}
        </Button>
      </form>
      <div class="mt-6 space-y-2 text-center text-sm text-muted">
        <p>{t('newSchool.joining')}</p>
        <Show when={tenant.memberships().length > 0}>
          <A href="/app" class="link">
            {t('newSchool.back')}
          </A>
        </Show>
      </div>
    </div>
  )
}
