import { createEffect, type JSX, Show } from 'solid-js'
import { translator } from '../lib/i18n/i18n.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** Sets the browser tab title ("Members · Kipindi Demo Academy · Kipindi"). */
export function usePageTitle(text: () => string | undefined) {
  createEffect(() => {
    const title = text()
    document.title = title ? t('page.title', { title }) : t('page.defaultTitle')
  })
}

/** A content column with an optional heading row (title, description, actions). */
export function Page(props: {
  title?: string
  /** Text for the tab title when it differs from the heading. */
  docTitle?: string
  description?: JSX.Element
  actions?: JSX.Element
  width?: 'narrow' | 'normal' | 'wide'
  children: JSX.Element
}) {
  usePageTitle(() => props.docTitle ?? props.title)
  const width = () =>
    props.width === 'narrow' ? 'max-w-xl' : props.width === 'wide' ? 'max-w-7xl' : 'max-w-6xl'
  return (
    <div class={`mx-auto w-full ${width()} px-4 py-8 sm:px-6 sm:py-10`}>
      <Show when={props.title}>
        <div class="mb-8 flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
          <div class="min-w-0">
            <h1 class="text-2xl font-bold tracking-tight sm:text-3xl">{props.title}</h1>
            <Show when={props.description}>
              <div class="mt-2 text-muted">{props.description}</div>
            </Show>
          </div>
          <Show when={props.actions}>
            <div class="flex shrink-0 flex-wrap gap-2">{props.actions}</div>
          </Show>
        </div>
      </Show>
      {props.children}
    </div>
  )
}
