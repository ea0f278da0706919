import { revalidate, useNavigate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import {
  CreateTicketBody,
  SUPPORT_LIMITS,
  type TicketCategory,
  type TicketContext,
  type TicketPriority,
} from '../../../../edge/contract/support.ts'
import { ApiError } from '../../api/errors.ts'
import { createTicket, getTickets } from '../../api/support.ts'
import { type FieldErrors, validate } from '../../lib/forms.ts'
import {
  CATEGORY_HINTS,
  CATEGORY_LABELS,
  PRIORITY_LABELS,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
} from '../../lib/support-context.ts'
import { charCounter } from '../../lib/support-thread.ts'
import { focusFirstInvalid, SelectField, TextAreaField, TextField } from '../UI/Field.tsx'
import { FormDialog } from '../UI/FormDialog.tsx'

export interface NewTicketDialogProps {
  open: boolean
  onOpenChange: (open: boolean) => void
  tenantId: string
  slug: string
  /** Where the person was (the Help button); offered, and sent unless they untick it. */
  context?: TicketContext
  /** Support staff may set the priority of a ticket they open. */
  staff?: boolean
}

/** Subject, category and message of a new ticket; opens the conversation once created. */
export function NewTicketDialog(props: NewTicketDialogProps) {
  const navigate = useNavigate()
  const [subject, setSubject] = createSignal('')
  const [category, setCategory] = createSignal<TicketCategory | ''>('')
  const [body, setBody] = createSignal('')
  const [priority, setPriority] = createSignal<TicketPriority>('normal')
  const [attach, setAttach] = createSignal(true)
  const [errors, setErrors] = createSignal<FieldErrors>({})
  const categoryId = createUniqueId()
  let fields: HTMLDivElement | undefined

  const reset = () => {
    setSubject('')
    setCategory('')
    setBody('')
    setPriority('normal')
    setAttach(true)
    setErrors({})
  }

  const contextText = () => {
    const c = props.context
    if (!c) return undefined
    return c.label ? `${c.label} (${c.page ?? ''})` : c.page
  }

  async function submit() {
    const values = {
      subject: subject(),
      category: category() || undefined,
      body: body(),
      ...(attach() && props.context ? { context: props.context } : {}),
      ...(props.staff && priority() !== 'normal' ? { priority: priority() } : {}),
    }
    const checked = validate(CreateTicketBody, values)
    if (!checked.ok) {
      setErrors(
        checked.errors.category
          ? { ...checked.errors, category: 'Choose what it is about.' }
          : checked.errors,
      )
      focusFirstInvalid(fields?.closest('form') ?? undefined)
      return false
    }
    setErrors({})
    try {
      const ticket = await createTicket(props.tenantId, checked.data)
      void revalidate(getTickets.key)
      reset()
      navigate(`/t/${props.slug}/support/${ticket.id}`)
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors() : {}
      if (fieldErrors.subject || fieldErrors.body || fieldErrors.category) {
        setErrors(fieldErrors)
        focusFirstInvalid(fields?.closest('form') ?? undefined)
        return false
      }
      throw error
    }
  }

  const counter = () => charCounter(body().length, SUPPORT_LIMITS.body)

  return (
    <FormDialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setErrors({})
        props.onOpenChange(open)
      }}
      title="Ask for help"
      description="The school’s support team answers here. You can follow the conversation live."
      submitLabel="Send"
      onSubmit={submit}
    >
      <div ref={fields} class="space-y-4">
        <TextField
          label="Subject"
          name="subject"
          value={subject()}
          onValue={setSubject}
          error={errors().subject}
          maxLength={SUPPORT_LIMITS.subject}
          placeholder="For example: I cannot open my lesson"
          required
        />
        <fieldset aria-describedby={errors().category ? `${categoryId}-err` : undefined}>
          <legend class="mb-1.5 text-sm font-medium">What is it about?</legend>
          <div class="grid grid-cols-2 gap-2">
            <For each={TICKET_CATEGORIES}>
              {(c) => (
                <label class="flex cursor-pointer flex-col rounded-lg border border-line px-3 py-2 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus">
                  <span class="flex items-center gap-2 font-medium">
                    <input
                      type="radio"
                      name="category"
                      value={c}
                      class="accent-primary"
                      checked={category() === c}
                      aria-invalid={errors().category ? 'true' : undefined}
                      onChange={() => setCategory(c)}
                    />
                    {CATEGORY_LABELS[c]}
                  </span>
                  <span class="mt-0.5 pl-5 text-xs text-muted">{CATEGORY_HINTS[c]}</span>
                </label>
              )}
            </For>
          </div>
          <Show when={errors().category}>
            <p id={`${categoryId}-err`} class="mt-1.5 text-sm text-danger">
              {errors().category}
            </p>
          </Show>
        </fieldset>
        <Show when={props.staff}>
          <SelectField
            label="Priority"
            name="priority"
            value={priority()}
            onValue={setPriority}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
          />
        </Show>
        <TextAreaField
          label="Message"
          name="body"
          value={body()}
          onValue={setBody}
          error={errors().body}
          rows={5}
          placeholder="What happened, and what did you expect?"
          description={
            counter() ? (
              <span classList={{ 'text-danger': counter()?.over }}>{counter()?.text} characters</span>
            ) : undefined
          }
          required
        />
        <Show when={contextText()}>
          <label class="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              class="mt-0.5 accent-primary"
              checked={attach()}
              onChange={(e) => setAttach(e.currentTarget.checked)}
            />
            <span class="min-w-0">
              Include the page I was on
              <span class="block truncate text-xs text-muted">{contextText()}</span>
            </span>
          </label>
        </Show>
      </div>
    </FormDialog>
  )
}
