import { createAsync, revalidate } from '@solidjs/router'
import Download from 'lucide-solid/icons/download'
import { createResource, createSignal, type JSX, Show } from 'solid-js'
import type { TransferOwnershipBody } from '../../../../../edge/contract/data-rights.ts'
import { downloadFile } from '../../../api/download.ts'
import { errorMessage } from '../../../api/errors.ts'
import type { Validated } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { schoolDataMessages } from './school-data-messages.ts'
import { getSchoolDeletion, longDate } from './school-deletion.ts'

const t = translator(schoolDataMessages)

function Part(props: { title: string; text: string; children: JSX.Element }) {
  return (
    <div class="space-y-3 border-t border-line pt-5 first:border-0 first:pt-0">
      <div>
        <h3 class="font-medium">{props.title}</h3>
        <p class="mt-1 text-sm text-muted">{props.text}</p>
      </div>
      {props.children}
    </div>
  )
}

/**
 * The settings page's part for owners: hand the school to an admin (password), export its data,
 * ask to delete it in 30 days or cancel that. Other roles see nothing of it.
 */
export default function SchoolDataSection() {
  const tenant = useTenant()
  return (
    <Show when={tenant().role === 'owner'}>
      <section aria-labelledby="school-data-title" class="mt-8">
        <h2 id="school-data-title" class="text-lg font-semibold">
          {t('schoolData.title')}
        </h2>
        <p class="mt-1 mb-4 text-sm text-muted">{t('schoolData.text')}</p>
        <div class="card space-y-5 p-5 sm:p-6">
          <TransferOwnership />
          <ExportSchool />
          <DeleteSchool />
        </div>
      </section>
    </Show>
  )
}

function TransferOwnership() {
  const tenant = useTenant()
  const { tenant: tenants } = useApp()
  const [open, setOpen] = createSignal(false)
  const [to, setTo] = createSignal('')
  const [password, setPassword] = createSignal('')
  const [admins] = createResource(open, async () => {
    const page = await api().get('/tenants/:id/members/search', {
      params: { id: tenant().id },
      query: { role: 'admin', limit: 100 },
    })
    if (!to() && page.members[0]) setTo(page.members[0].user_id)
    return page.members
  })
  const form = createForm({
    fields: ['user_id', 'password'],
    validate: (): Validated<TransferOwnershipBody> => {
      if (!password()) return { ok: false, errors: { password: t('transfer.passwordMissing') } }
      if (!to()) return { ok: false, errors: { user_id: t('transfer.none') } }
      return { ok: true, data: { user_id: to(), password: password() } }
    },
    submit: async (body: TransferOwnershipBody) => {
      await api().post('/tenants/:id/ownership', body, { params: { id: tenant().id } })
      const name = admins()?.find((a) => a.user_id === body.user_id)?.display_name ?? ''
      toast.success(t('transfer.done', { name, school: tenant().name }))
      await tenants.refresh()
    },
  })
  return (
    <Part title={t('transfer.title')} text={t('transfer.text')}>
      <div>
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('transfer.open')}
        </Button>
      </div>
      <FormDialog
        open={open()}
        onOpenChange={(next) => {
          setOpen(next)
          if (!next) setPassword('')
        }}
        title={t('transfer.dialogTitle', { school: tenant().name })}
        description={t('transfer.dialogText')}
        submitLabel={t('transfer.confirm')}
        form={form}
      >
        <Show when={(admins()?.length ?? 1) > 0} fallback={<p class="text-sm">{t('transfer.none')}</p>}>
          <SelectField
            label={t('transfer.to')}
            name="user_id"
            value={to()}
            onValue={setTo}
            options={(admins() ?? []).map((a) => ({ value: a.user_id, label: a.display_name }))}
            error={form.errors().user_id}
          />
        </Show>
        <TextField
          label={t('transfer.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
          required
        />
      </FormDialog>
    </Part>
  )
}

function ExportSchool() {
  const tenant = useTenant()
  const [pending, setPending] = createSignal(false)
  const download = async () => {
    setPending(true)
    try {
      const day = new Date().toISOString().slice(0, 10)
      await downloadFile(`/tenants/${tenant().id}/export`, `${tenant().slug}-export-${day}.json`)
      toast.success(t('export.done'))
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPending(false)
    }
  }
  return (
    <Part title={t('export.title')} text={t('export.text')}>
      <div>
        <Button variant="secondary" pending={pending()} onClick={download}>
          <Download size={16} aria-hidden="true" />
          {pending() ? t('export.downloading') : t('export.download')}
        </Button>
      </div>
    </Part>
  )
}

function DeleteSchool() {
  const tenant = useTenant()
  const deletion = createAsync(() => getSchoolDeletion(tenant().id))
  const [asking, setAsking] = createSignal(false)
  const [cancelling, setCancelling] = createSignal(false)
  const refresh = () => revalidate(getSchoolDeletion.keyFor(tenant().id))
  const ask = async () => {
    const planned = await api().post('/tenants/:id/deletion', {}, { params: { id: tenant().id } })
    toast.success(t('delete.requested', { date: longDate(planned.due_at ?? '') }))
    await refresh()
  }
  const cancel = async () => {
    setCancelling(true)
    try {
      await api().delete('/tenants/:id/deletion', { params: { id: tenant().id } })
      toast.success(t('delete.cancelled'))
      await refresh()
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setCancelling(false)
    }
  }
  return (
    <Part title={t('delete.title')} text={t('delete.text')}>
      <Show
        when={deletion()?.due_at}
        fallback={
          <div>
            <Button variant="danger" onClick={() => setAsking(true)}>
              {t('delete.open')}
            </Button>
          </div>
        }
      >
        {(due) => (
          <div role="status" class="space-y-3">
            <p class="text-sm font-medium text-danger">
              {t('delete.pending', { date: longDate(due()), name: deletion()?.requested_by_name ?? '' })}
            </p>
            <Button variant="secondary" pending={cancelling()} onClick={cancel}>
              {t('delete.cancel')}
            </Button>
          </div>
        )}
      </Show>
      <ConfirmDialog
        open={asking()}
        onOpenChange={setAsking}
        title={t('delete.dialogTitle', { school: tenant().name })}
        confirmLabel={t('delete.confirm')}
        onConfirm={ask}
        danger
      >
        <p>{t('delete.dialogText')}</p>
      </ConfirmDialog>
    </Part>
  )
}
