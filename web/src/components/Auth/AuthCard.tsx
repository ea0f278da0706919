import type { JSX } from 'solid-js'
import { usePageTitle } from '../UI/Page.tsx'

/** The centred card of the sign-in, sign-up and password pages. */
export function AuthCard(props: {
  title: string
  subtitle?: JSX.Element
  children: JSX.Element
  footer?: JSX.Element
}) {
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
