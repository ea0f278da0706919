import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, createUniqueId, Show } from 'solid-js'
import type { BirthDate } from '../../../../../edge/contract/messages.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getBirthDate, setBirthDate } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/**
 * A student's date of birth as the school records it, on their page: owners and admins set it;
 * staff, the student and linked parents read it; nobody else sees the section.
 */
export function BirthDateSection(props: { tenantId: string; userId: string }) {
  const record = createAsync(() => getBirthDate(props.tenantId, props.userId))
  return (
    <Show when={record()?.visible ? record() : undefined}>
      {(r) => <Record record={r()} tenantId={props.tenantId} userId={props.userId} />}
    </Show>
  )
}

function Record(props: { record: BirthDate; tenantId: string; userId: string }) {
  const id = createUniqueId()
  const [value, setValue] = createSignal(props.record.birth_date ?? '')
  const [pending, setPending] = createSignal(false)
  const save = async (date: string | null) => {
    setPending(true)
    try {
      await setBirthDate(props.tenantId, props.userId, date)
      if (date === null) setValue('')
      toast.success(date ? t('birth.saved') : t('birth.cleared'))
      await revalidate(getBirthDate.keyFor(props.tenantId, props.userId))
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPending(false)
    }
  }
  const hint = () =>
    props.record.adult_age > 0 ? t('birth.hint', { age: props.record.adult_age }) : t('birth.hintNoRule')
  return (
    <section class="card space-y-3 p-4 sm:p-6" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="font-semibold">
        {t('birth.title')}
      </h2>
      <Show
        when={props.record.can_edit}
        fallback={
          <p>
            <span class="text-sm text-muted">{t('birth.label')}: </span>
            {props.record.birth_date ? formatDate(props.record.birth_date) : t('birth.unknown')}
          </p>
        }
      >
        <form
          class="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            void save(value() || null)
          }}
        >
          <div>
            <label for={id} class="mb-1 block text-sm font-medium">
              {t('birth.label')}
            </label>
            <input
              id={id}
              type="date"
              class="input"
              max={new Date().toISOString().slice(0, 10)}
              value={value()}
              aria-describedby={`${id}-hint`}
              onInput={(e) => setValue(e.currentTarget.value)}
            />
          </div>
          <Button type="submit" pending={pending()}>
            {t('birth.save')}
          </Button>
          <Show when={props.record.birth_date}>
            <Button variant="ghost" disabled={pending()} onClick={() => save(null)}>
              {t('birth.clear')}
            </Button>
          </Show>
        </form>
      </Show>
      <p id={`${id}-hint`} class="text-sm text-muted">
        {hint()}
      </p>
    </section>
  )
}
