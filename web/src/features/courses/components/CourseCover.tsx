import BookOpen from 'lucide-solid/icons/book-open'
import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { courseFacts } from '../course-fields.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A course's cover image, or a calm placeholder when it has none or the image does not load. */
export function CourseCover(props: { url: string | null | undefined; class?: string; alt?: string }) {
  const [failed, setFailed] = createSignal(false)
  createEffect(
    on(
      () => props.url,
      () => setFailed(false),
      { defer: true },
    ),
  )
  return (
    <div class={`relative overflow-hidden bg-subtle ${props.class ?? 'aspect-[16/9]'}`}>
      <Show
        when={props.url && !failed()}
        fallback={
          <div
            class="flex size-full items-center justify-center bg-gradient-to-br from-brand-500/20 via-brand-400/10 to-accent-400/20 text-primary"
            aria-hidden="true"
          >
            <BookOpen size={36} />
          </div>
        }
      >
        <img
          src={props.url ?? ''}
          alt={props.alt ?? ''}
          loading="lazy"
          referrerpolicy="no-referrer"
          class="size-full object-cover"
          onError={() => setFailed(true)}
        />
      </Show>
    </div>
  )
}

/** Level, learning area and "Free" as small pills. */
export function CourseBadges(props: { course: { level: string; learning_area: string; is_free: boolean } }) {
  return (
    <div class="flex flex-wrap gap-1.5">
      <For each={courseFacts(props.course)}>
        {(fact) => <span class="badge bg-subtle text-fg">{fact}</span>}
      </For>
      <Show when={props.course.is_free}>
        <span class="badge bg-success-soft text-success">{t('badge.free')}</span>
      </Show>
    </div>
  )
}
