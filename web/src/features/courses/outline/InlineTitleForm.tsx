import { createSignal, createUniqueId, onMount, Show } from 'solid-js'
import { COURSE_LIMITS } from '../../../../../edge/contract/courses-values.ts'
import { ApiError, errorMessage } from '../../../api/errors.ts'
import { checked } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { createForm } from '../../../ui/form.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * A one-field title form used in the outline (add a module or lesson, rename one): Enter saves,
 * Escape cancels; the error shows under the input.
 */
export function InlineTitleForm(props: {
  label: string
  initial?: string
  submitLabel: string
  placeholder?: string
  /** Rename forms hide the label (the row says what is renamed); add forms show it. */
  hideLabel?: boolean
  autofocus?: boolean
  onSubmit: (title: string) => Promise<void>
  onCancel?: () => void
}) {
  const id = createUniqueId()
  const [value, setValue] = createSignal(props.initial ?? '')
  let input: HTMLInputElement | undefined
  onMount(() => {
    if (props.autofocus) {
      input?.focus()
      input?.select()
    }
  })

  const form = createForm({
    fields: ['title'],
    // Every failure shows under the one input.
    fieldErrors: (err) => ({
      title: err instanceof ApiError ? (err.fieldErrors().title ?? err.message) : errorMessage(err),
    }),
    validate: async () => {
      // The schema loads with the first title sent, not with every outline a student opens.
      const { Title } = await import('../../../../../edge/contract/courses.ts')
      const parsed = Title.safeParse(value())
      return checked(
        parsed.success ? {} : { title: parsed.error.issues[0]?.message ?? t('titleForm.required') },
        parsed.data ?? '',
      )
    },
    submit: async (title) => {
      if (props.initial !== undefined && title === props.initial) return props.onCancel?.()
      await props.onSubmit(title)
      if (props.initial === undefined) setValue('')
    },
  })
  const error = () => form.errors().title

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="w-full">
      <label for={id} class={props.hideLabel ? 'sr-only' : 'mb-1.5 block text-sm font-medium'}>
        {props.label}
      </label>
      <div class="flex flex-col gap-2 sm:flex-row">
        <input
          ref={input}
          id={id}
          class="input"
          value={value()}
          onInput={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape' && props.onCancel) {
              e.preventDefault()
              e.stopPropagation()
              props.onCancel()
            }
          }}
          maxLength={COURSE_LIMITS.title}
          placeholder={props.placeholder}
          aria-invalid={error() ? 'true' : undefined}
          aria-describedby={error() ? `${id}-err` : undefined}
          autocomplete="off"
        />
        <div class="flex shrink-0 gap-2">
          <Button type="submit" pending={form.pending()} class="flex-1 sm:flex-none">
            {props.submitLabel}
          </Button>
          <Show when={props.onCancel}>
            <Button variant="secondary" class="flex-1 sm:flex-none" onClick={() => props.onCancel?.()}>
              {t('cancel')}
            </Button>
          </Show>
        </div>
      </div>
      <Show when={error()}>
        <p id={`${id}-err`} class="mt-1.5 text-sm text-danger">
          {error()}
        </p>
      </Show>
    </form>
  )
}
