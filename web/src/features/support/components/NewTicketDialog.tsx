import { revalidate, useNavigate } from '@solidjs/router'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import {
  CreateTicketBody,
  type TicketCategory,
  type TicketContext,
  type TicketPriority,
} from '../../../../../edge/contract/support.ts'
import { SUPPORT_LIMITS } from '../../../../../edge/contract/support-values.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { createTicket, getTickets } from '../api.ts'
import { messages } from '../messages.ts'
import {
  categoryHint,
  categoryLabel,
  priorityLabel,
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
} from '../support-context.ts'
import { charCounter } from '../support-thread.ts'

const t = translator(messages)

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
  const categoryId = createUniqueId()

  const reset = () => {
    setSubject('')
    setCategory('')
    setBody('')
    setPriority('normal')
    setAttach(true)
    form.clear()
  }

  const contextText = () => {
    const c = props.context
    if (!c) return undefined
    return c.label ? `${c.label} (${c.page ?? ''})` : c.page
  }

  const form = createForm({
    fields: ['subject', 'body', 'category'],
    validate: () => {
      const checked = validate(CreateTicketBody, {
        subject: subject(),
        category: category() || undefined,
        body: body(),
        ...(attach() && props.context ? { context: props.context } : {}),
        ...(props.staff && priority() !== 'normal' ? { priority: priority() } : {}),
      })
      if (!checked.ok && checked.errors.category)
        return { ok: false, errors: { ...checked.errors, category: t('newTicket.chooseCategory') } }
      return checked
    },
    submit: async (values) => {
      const ticket = await createTicket(props.tenantId, values)
      void revalidate(getTickets.key)
      reset()
      navigate(`/t/${props.slug}/support/${ticket.id}`)
    },
  })

  const counter = () => charCounter(body().length, SUPPORT_LIMITS.body)

  return (
    <FormDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('support.askForHelp')}
      description={t('newTicket.description')}
      submitLabel={t('composer.send')}
      form={form}
    >
      <div class="space-y-4">
        <TextField
          label={t('newTicket.subject')}
          name="subject"
          value={subject()}
          onValue={setSubject}
          error={form.errors().subject}
          maxLength={SUPPORT_LIMITS.subject}
          placeholder={t('newTicket.subjectPlaceholder')}
          required
        />
        <fieldset aria-describedby={form.errors().category ? `${categoryId}-err` : undefined}>
          <legend class="mb-1.5 text-sm font-medium">{t('newTicket.about')}</legend>
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
                      aria-invalid={form.errors().category ? 'true' : undefined}
                      onChange={() => setCategory(c)}
                    />
                    {categoryLabel(c)}
                  </span>
                  <span class="mt-0.5 pl-5 text-xs text-muted">{categoryHint(c)}</span>
                </label>
              )}
            </For>
          </div>
          <Show when={form.errors().category}>
            <p id={`${categoryId}-err`} class="mt-1.5 text-sm text-danger">
              {form.errors().category}
            </p>
          </Show>
        </fieldset>
        <Show when={props.staff}>
          <SelectField
            label={t('field.priority')}
            name="priority"
            value={priority()}
            onValue={setPriority}
            options={TICKET_PRIORITIES.map((p) => ({ value: p, label: priorityLabel(p) }))}
          />
        </Show>
        <TextAreaField
          label={t('newTicket.message')}
          name="body"
          value={body()}
          onValue={setBody}
          error={form.errors().body}
          rows={5}
          placeholder={t('newTicket.messagePlaceholder')}
          description={
            counter() ? (
              <span classList={{ 'text-danger': counter()?.over }}>
                {t('composer.characters', { counter: counter()?.text ?? '' })}
              </span>
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
              {t('newTicket.includePage')}
              <span class="block truncate text-xs text-muted">{contextText()}</span>
            </span>
          </label>
        </Show>
      </div>
    </FormDialog>
  )
}
