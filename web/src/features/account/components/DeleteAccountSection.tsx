import { useNavigate } from '@solidjs/router'
import TriangleAlert from 'lucide-solid/icons/triangle-alert'
import { createSignal } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { deleteAccountMessages } from './delete-account-messages.ts'

const t = translator(deleteAccountMessages)

/**
 * The account page's danger zone: what deleting the account erases and what it keeps, and a dialog
 * that confirms with the password (POST /me/delete), then forgets the session here and leaves.
 */
export default function DeleteAccountSection() {
  const { supabase } = useApp()
  const navigate = useNavigate()
  const [open, setOpen] = createSignal(false)
  const [password, setPassword] = createSignal('')
  const form = createForm({
    fields: ['password'],
    validate: () =>
      password()
        ? { ok: true, data: password() }
        : { ok: false, errors: { password: t('deleteAccount.passwordMissing') } },
    submit: async (current: string) => {
      await api().post('/me/delete', { password: current })
      navigate('/', { replace: true })
      // The server ended every session already; only this browser's copy is left to forget.
      await supabase.auth.signOut({ scope: 'local' })
      toast.success(t('deleteAccount.done'), t('deleteAccount.doneText'))
    },
  })
  return (
    <section
      aria-labelledby="delete-account-title"
      class="grid grid-cols-1 gap-4 border-t border-line py-8 md:grid-cols-[16rem_minmax(0,1fr)]"
    >
      <div>
        <h2 id="delete-account-title" class="font-semibold text-danger">
          {t('deleteAccount.title')}
        </h2>
        <p class="mt-1 text-sm text-muted">{t('deleteAccount.text')}</p>
      </div>
      <div class="card space-y-3 border-danger/40 p-5 text-sm sm:p-6">
        <p>{t('deleteAccount.erased')}</p>
        <p>{t('deleteAccount.kept')}</p>
        <p class="text-muted">{t('deleteAccount.owner')}</p>
        <Button variant="danger" onClick={() => setOpen(true)}>
          <TriangleAlert size={16} aria-hidden="true" />
          {t('deleteAccount.open')}
        </Button>
      </div>
      <FormDialog
        open={open()}
        onOpenChange={(next) => {
          setOpen(next)
          if (!next) setPassword('')
        }}
        title={t('deleteAccount.dialogTitle')}
        description={t('deleteAccount.dialogText')}
        submitLabel={t('deleteAccount.confirm')}
        form={form}
      >
        <TextField
          label={t('deleteAccount.password')}
          name="password"
          type="password"
          autocomplete="current-password"
          value={password()}
          onValue={setPassword}
          error={form.errors().password}
          required
        />
      </FormDialog>
    </section>
  )
}
