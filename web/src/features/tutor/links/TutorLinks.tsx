import { A } from '@solidjs/router'
import Bot from 'lucide-solid/icons/bot'
import MessagesSquare from 'lucide-solid/icons/messages-square'
import { createSignal, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { messages } from './messages.ts'

// Ways into the tutor from other pages, each one small: only this file and its catalogue load with
// those pages; the tutor's own pages load when opened.

const t = translator(messages)

/** `/t/<slug>/tutor?course=…&lesson=…`: a new conversation about a lesson or a course. */
export function tutorHref(slug: string, start: { course?: string; lesson?: string } = {}): string {
  const query = new URLSearchParams()
  if (start.course) query.set('course', start.course)
  if (start.lesson) query.set('lesson', start.lesson)
  const q = query.toString()
  return `/t/${slug}/tutor${q ? `?${q}` : ''}`
}

/** "Ask the tutor about this lesson" (or "Ask the tutor" for a course). */
export function AskTutorLink(props: { course: string; lesson?: string; class?: string }) {
  const tenant = useTenant()
  return (
    <A
      href={tutorHref(tenant().slug, { course: props.course, lesson: props.lesson })}
      class={props.class ?? 'btn-secondary'}
    >
      <Bot size={16} aria-hidden="true" />
      {props.lesson ? t('askLesson') : t('askCourse')}
    </A>
  )
}

/** The student home's card: what the tutor is for and the way in. */
export function TutorHomeCard() {
  const tenant = useTenant()
  return (
    <section aria-labelledby="home-tutor" class="card p-4">
      <h2 id="home-tutor" class="flex items-center gap-2 font-semibold">
        <Bot size={18} aria-hidden="true" class="text-primary" />
        {t('homeTitle')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('homeText')}</p>
      <A href={tutorHref(tenant().slug)} class="btn-primary mt-3 min-h-9 px-3 py-1.5">
        {t('homeAction')}
      </A>
    </section>
  )
}

/** The teacher home's "Tutor conversations", with how many are flagged when there are any. */
export function TutorReviewLink() {
  const tenant = useTenant()
  // Not a resource: the home never waits for this count, and shows just the link without it.
  const [flagged, setFlagged] = createSignal(0)
  onMount(() => {
    api()
      .get('/tenants/:tenantId/ai/conversations', {
        params: { tenantId: tenant().id },
        query: { scope: 'review', flagged: 'true', limit: 50 },
      })
      .then(
        (page) => setFlagged(page.items.length),
        () => {},
      )
  })
  return (
    <section aria-labelledby="home-tutor-review" class="card p-4">
      <h2 id="home-tutor-review" class="flex flex-wrap items-center gap-2 font-semibold">
        <MessagesSquare size={18} aria-hidden="true" />
        <A href={`/t/${tenant().slug}/tutor/review`} class="hover:underline">
          {t('review')}
        </A>
        <Show when={flagged() > 0}>
          <span class="badge bg-danger-soft text-danger">{t('reviewFlagged', { count: flagged() })}</span>
        </Show>
      </h2>
      <p class="mt-1 text-sm text-muted">{t('reviewText')}</p>
    </section>
  )
}

/** The school settings' way to the tutor's providers, budget and usage. */
export function AiSettingsLink() {
  const tenant = useTenant()
  return (
    <section aria-labelledby="settings-ai" class="card mt-6 p-5 sm:p-6">
      <h2 id="settings-ai" class="flex items-center gap-2 font-semibold">
        <Bot size={18} aria-hidden="true" class="text-primary" />
        {t('settingsTitle')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('settingsText')}</p>
      <A href={`/t/${tenant().slug}/settings/ai`} class="btn-secondary mt-3">
        {t('settingsLink')}
      </A>
    </section>
  )
}
