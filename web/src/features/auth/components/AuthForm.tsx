import type { JSX } from 'solid-js'
import { Button } from '../../../ui/Button.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import type { FormController } from '../../../ui/form.ts'
import { usePageTitle } from '../../../ui/Page.tsx'

interface AuthCardProps {
  title: string
  subtitle?: JSX.Element
  footer?: JSX.Element
}

/** The centred card of the sign-in, sign-up and password pages: heading, content, a line under it. */
export function AuthCard(props: AuthCardProps & { children: JSX.Element }) {
  usePageTitle(() => props.title)
  return (
    <div class="flex justify-center px-4 py-10 sm:py-16">
      <div class="w-full max-w-md">
        <div class="card p-6 sm:p-8">
          <h1 class="text-2xl font-bold tracking-tight">{props.title}</h1>
          {props.subtitle && <div class="mt-2 text-sm text-muted">{props.subtitle}</div>}
          <div class="mt-6">{props.children}</div>
        </div>
        {props.footer && <div class="mt-6 text-center text-sm text-muted">{props.footer}</div>}
      </div>
    </div>
  )
}

/**
 * An auth page's form in its card: the fields, the form's alert and a full-width submit button,
 * wired to a createForm() flow; `before`/`after` sit in the card around the form.
 */
export function AuthForm(
  props: AuthCardProps & {
    form: FormController
    submitLabel: string
    before?: JSX.Element
    after?: JSX.Element
    children: JSX.Element
  },
) {
  return (
    <AuthCard title={props.title} subtitle={props.subtitle} footer={props.footer}>
      {props.before}
      <form ref={props.form.ref} onSubmit={props.form.onSubmit} noValidate class="space-y-4">
        {props.children}
        <FormError form={props.form} />
        <Button type="submit" pending={props.form.pending()} class="w-full">
          {props.submitLabel}
        </Button>
      </form>
      {props.after}
    </AuthCard>
  )
}
