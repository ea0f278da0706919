import { type Accessor, createSignal } from 'solid-js'
import { ApiError, errorMessage } from '../api/errors.ts'
import type { FieldErrors, Validated } from '../lib/forms.ts'

// The one submit flow of every form in the app: check the values first (the contract's own
// schema, so the browser says what the API would), show field errors next to their inputs and
// move focus to the first invalid one, show the button as pending while the request runs, put the
// server's field errors (400 `details.issues`, 409 `details.field`) next to their inputs too, and
// anything else in the form's alert.

export interface FormOptions<T> {
  /**
   * Checks the values before sending: the body to send, or field errors (see lib/forms.ts
   * `validate`). May wait, for a schema loaded on first use (a page's first screen then carries no
   * zod).
   */
  validate?: () => Validated<T> | Promise<Validated<T>>
  /**
   * Sends the checked values. Resolve `false` when it is not done (nothing shown, the form stays as
   * it is); throw to say why it failed.
   */
  submit: (data: T) => unknown
  /** Fields the form shows. A failure about any other field (or none) goes to the form's alert. */
  fields?: readonly string[]
  /** Field errors of a failure that are not an ApiError's own (an auth error's code, a bare 409…). */
  fieldErrors?: (error: unknown) => FieldErrors | undefined
}

/** What a form reads and wires: `<form ref={form.ref} onSubmit={form.onSubmit} noValidate>`. */
export interface FormController {
  errors: Accessor<FieldErrors>
  setErrors: (errors: FieldErrors) => void
  /** The message of the form's alert (a failure that is not about one field). */
  formError: Accessor<string | undefined>
  setFormError: (message?: string) => void
  pending: Accessor<boolean>
  ref: (form: HTMLFormElement) => void
  /** Runs the flow; resolves true when the values were sent and accepted. */
  onSubmit: (event?: SubmitEvent) => Promise<boolean>
  /** Forgets every error (a dialog closed, the form was reset). */
  clear: () => void
}

/** Moves focus to the first field marked invalid in a form (after errors were rendered). */
export function focusFirstInvalid(form: HTMLFormElement | undefined) {
  queueMicrotask(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())
}

/** Only the entries of `errors` whose field the form shows. */
function onlyFields(errors: FieldErrors, fields: readonly string[]): FieldErrors {
  return Object.fromEntries(Object.entries(errors).filter(([name]) => fields.includes(name)))
}

/** A form's submit flow; see the module comment. */
export function createForm<T = undefined>(opts: FormOptions<T>): FormController {
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const [formError, setFormError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  let element: HTMLFormElement | undefined

  function showFieldErrors(found: FieldErrors) {
    setErrors(found)
    focusFirstInvalid(element)
  }

  return {
    errors,
    setErrors,
    formError,
    setFormError: (message?: string) => setFormError(message),
    pending,
    ref: (form) => {
      element = form
    },
    clear() {
      setErrors({})
      setFormError()
    },

    async onSubmit(event) {
      event?.preventDefault()
      if (pending()) return false
      setFormError()
      setPending(true)
      try {
        const checked: Validated<T> = opts.validate
          ? await opts.validate()
          : { ok: true, data: undefined as T }
        if (!checked.ok) {
          showFieldErrors(checked.errors)
          return false
        }
        setErrors({})
        return (await opts.submit(checked.data)) !== false
      } catch (error) {
        const found = opts.fieldErrors?.(error) ?? (error instanceof ApiError ? error.fieldErrors() : {})
        const shown = onlyFields(found, opts.fields ?? [])
        if (Object.keys(shown).length > 0) showFieldErrors(shown)
        else setFormError(errorMessage(error))
        return false
      } finally {
        setPending(false)
      }
    },
  }
}
