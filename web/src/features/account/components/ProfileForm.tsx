import { createSignal, Show } from 'solid-js'
import { formatDate } from '../../../lib/format.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The display name other people in the person's schools see. */
export function ProfileForm() {
  const { supabase, session, tenant } = useApp()
  const [name, setName] = createSignal(session.displayName())

  const form = createForm({
    validate: () => {
      const value = name().trim()
      const problem = !value
        ? t('profile.nameRequired')
        : value.length > 100
          ? t('profile.nameTooLong', { max: 100 })
          : undefined
      return checked(problem ? { display_name: problem } : {}, value)
    },
    submit: async (value) => {
      const { error } = await supabase.auth.updateUser({ data: { display_name: value } })
      if (error) throw error
      await session.refresh()
      void tenant.refresh()
      toast.success(t('profile.saved'))
    },
  })

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <TextField
        label={t('profile.displayName')}
        name="display_name"
        autocomplete="name"
        value={name()}
        onValue={setName}
        error={form.errors().display_name}
        required
      />
      <Show when={session.user()?.created_at}>
        <p class="text-sm text-muted">
          {t('profile.memberSince', { date: formatDate(session.user()?.created_at) })}
        </p>
      </Show>
      <FormError form={form} />
      <div class="flex justify-end">
        <Button type="submit" pending={form.pending()}>
          {t('profile.save')}
        </Button>
      </div>
    </form>
  )
}
