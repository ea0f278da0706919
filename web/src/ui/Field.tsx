import { createUniqueId, For, type JSX, Show, splitProps } from 'solid-js'

interface FieldShellProps {
  id: string
  label: string
  error?: string
  description?: JSX.Element
  /** Extra ids the input should be described by (e.g. a live password checklist). */
  describedBy?: string
  children: (aria: {
    id: string
    'aria-invalid': 'true' | undefined
    'aria-describedby': string | undefined
  }) => JSX.Element
  class?: string
}

/** Label, control, hint and error wired together (for/id, aria-describedby, aria-invalid). */
export function FieldShell(props: FieldShellProps) {
  const descId = () => (props.description ? `${props.id}-desc` : undefined)
  const errId = () => (props.error ? `${props.id}-err` : undefined)
  const describedBy = () => [errId(), descId(), props.describedBy].filter(Boolean).join(' ') || undefined
  return (
    <div class={props.class ?? ''}>
      <label for={props.id} class="mb-1.5 block text-sm font-medium">
        {props.label}
      </label>
      {props.children({
        id: props.id,
        'aria-invalid': props.error ? 'true' : undefined,
        'aria-describedby': describedBy(),
      })}
      <Show when={props.error}>
        <p id={errId()} class="mt-1.5 text-sm text-danger">
          {props.error}
        </p>
      </Show>
      <Show when={props.description}>
        <div id={descId()} class="mt-1.5 text-sm text-muted">
          {props.description}
        </div>
      </Show>
    </div>
  )
}

export interface TextFieldProps extends Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput' | 'value'> {
  label: string
  value: string
  onValue: (value: string) => void
  error?: string
  description?: JSX.Element
  describedBy?: string
  /** Content inside the field's box before the input (e.g. a URL prefix). */
  prefix?: string
}

/** A labelled text input. */
export function TextField(props: TextFieldProps) {
  const [local, rest] = splitProps(props, [
    'label',
    'value',
    'onValue',
    'error',
    'description',
    'describedBy',
    'class',
    'id',
    'prefix',
  ])
  const id = local.id ?? createUniqueId()
  return (
    <FieldShell
      id={id}
      label={local.label}
      error={local.error}
      description={local.description}
      describedBy={local.describedBy}
      class={local.class}
    >
      {(aria) => (
        <Show
          when={local.prefix}
          fallback={
            <input
              class="input"
              value={local.value}
              onInput={(e) => local.onValue(e.currentTarget.value)}
              {...aria}
              {...rest}
            />
          }
        >
          <div class="flex items-stretch">
            <span class="hidden items-center rounded-l-lg border border-r-0 border-line bg-subtle px-3 text-sm text-muted sm:flex">
              {local.prefix}
            </span>
            <input
              class="input sm:rounded-l-none"
              value={local.value}
              onInput={(e) => local.onValue(e.currentTarget.value)}
              {...aria}
              {...rest}
            />
          </div>
        </Show>
      )}
    </FieldShell>
  )
}

export interface SelectFieldProps<T extends string>
  extends Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> {
  label: string
  value: T
  onValue: (value: T) => void
  options: readonly { value: T; label: string; disabled?: boolean }[]
  error?: string
  description?: JSX.Element
}

/** A labelled native select (works with keyboards, screen readers and Playwright's selectOption). */
export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const [local, rest] = splitProps(props, [
    'label',
    'value',
    'onValue',
    'options',
    'error',
    'description',
    'class',
    'id',
  ])
  const id = local.id ?? createUniqueId()
  return (
    <FieldShell
      id={id}
      label={local.label}
      error={local.error}
      description={local.description}
      class={local.class}
    >
      {(aria) => (
        <select
          class="input pr-8"
          value={local.value}
          onChange={(e) => local.onValue(e.currentTarget.value as T)}
          {...aria}
          {...rest}
        >
          <For each={local.options}>
            {(o) => (
              <option value={o.value} disabled={o.disabled} selected={o.value === local.value}>
                {o.label}
              </option>
            )}
          </For>
        </select>
      )}
    </FieldShell>
  )
}

export interface TextAreaFieldProps
  extends Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, 'onInput' | 'value'> {
  label: string
  value: string
  onValue: (value: string) => void
  error?: string
  description?: JSX.Element
}

/** A labelled multi-line text input. */
export function TextAreaField(props: TextAreaFieldProps) {
  const [local, rest] = splitProps(props, [
    'label',
    'value',
    'onValue',
    'error',
    'description',
    'class',
    'id',
  ])
  const id = local.id ?? createUniqueId()
  return (
    <FieldShell
      id={id}
      label={local.label}
      error={local.error}
      description={local.description}
      class={local.class}
    >
      {(aria) => (
        <textarea
          class="input min-h-24 resize-y"
          value={local.value}
          onInput={(e) => local.onValue(e.currentTarget.value)}
          {...aria}
          {...rest}
        />
      )}
    </FieldShell>
  )
}

/** An on/off switch (a checkbox with role="switch") with its label and an optional hint. */
export function SwitchField(props: {
  label: string
  checked: boolean
  onChange: (checked: boolean) => void
  description?: JSX.Element
  name?: string
  class?: string
}) {
  const id = createUniqueId()
  return (
    <div class={`flex items-start gap-3 ${props.class ?? ''}`}>
      <span class="relative mt-0.5 inline-flex shrink-0">
        <input
          id={id}
          type="checkbox"
          role="switch"
          aria-checked={props.checked}
          name={props.name}
          class="peer absolute inset-0 size-full cursor-pointer opacity-0"
          checked={props.checked}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
          aria-describedby={props.description ? `${id}-desc` : undefined}
        />
        <span
          aria-hidden="true"
          class="pointer-events-none flex h-6 w-11 items-center rounded-full bg-line p-0.5 transition-colors peer-checked:bg-primary peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-focus [&>span]:transition-transform peer-checked:[&>span]:translate-x-5"
        >
          <span class="size-5 rounded-full bg-white shadow-sm" />
        </span>
      </span>
      <span class="min-w-0">
        <label for={id} class="block cursor-pointer text-sm font-medium">
          {props.label}
        </label>
        <Show when={props.description}>
          <span id={`${id}-desc`} class="mt-0.5 block text-sm text-muted">
            {props.description}
          </span>
        </Show>
      </span>
    </div>
  )
}
