import { createSignal } from 'solid-js'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { NewPasswordField, passwordError } from '../../auth/components/NewPasswordField.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A new password for signing in. */
export function PasswordForm() {
  const { supabase } = useApp()
  const [password, setPassword] = createSignal('')

  const form = createForm({
    validate: () => {
      const problem = passwordError(password())
      return checked(problem ? { new_password: problem } : {}, password())
    },
    submit: async (next) => {
      const { error } = await supabase.auth.updateUser({ password: next })
      if (error) throw error
      setPassword('')
      toast.success(t('password.changed'), t('password.changedText'))
    },
  })

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <NewPasswordField
        label={t('password.new')}
        name="new_password"
        value={password()}
        onValue={setPassword}
        error={form.errors().new_password}
      />
      <FormError form={form} />
      <div class="flex justify-end">
        <Button type="submit" pending={form.pending()}>
          {t('password.submit')}
        </Button>
      </div>
    </form>
  )
}
