import { createSignal } from 'solid-js'
import { checked } from '../../../lib/forms.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { NewPasswordField, passwordError } from '../../auth/components/NewPasswordField.tsx'

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
      toast.success('Password changed', 'Use your new password next time you sign in.')
    },
  })

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <NewPasswordField
        label="New password"
        name="new_password"
        value={password()}
        onValue={setPassword}
        error={form.errors().new_password}
      />
      <FormError form={form} />
      <div class="flex justify-end">
        <Button type="submit" pending={form.pending()}>
          Change password
        </Button>
      </div>
    </form>
  )
}
