import { type JSX, Show, splitProps } from 'solid-js'
import { Spinner } from './Spinner.tsx'

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger'

const VARIANTS: Record<Variant, string> = {
  primary: 'btn-primary',
  secondary: 'btn-secondary',
  ghost: 'btn-ghost',
  danger: 'btn-danger',
}

export interface ButtonProps extends JSX.ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant
  /** Disables the button and shows a spinner; the accessible name stays the same. */
  pending?: boolean
}

/** A button in the house style; `pending` for submits in flight. */
export function Button(props: ButtonProps) {
  const [local, rest] = splitProps(props, ['variant', 'pending', 'class', 'children', 'disabled', 'type'])
  return (
    <button
      type={local.type ?? 'button'}
      class={`${VARIANTS[local.variant ?? 'primary']} ${local.class ?? ''}`}
      disabled={local.disabled || local.pending}
      aria-busy={local.pending ? 'true' : undefined}
      {...rest}
    >
      <Show when={local.pending}>
        <Spinner />
      </Show>
      {local.children}
    </button>
  )
}
