import { createUniqueId, For } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The reviewers' filters, kept in the address: flagged only, and one course. */
export function ReviewFilters(props: {
  flagged: boolean
  course: string
  /** Courses seen in the list so far (id → title). */
  courses: Map<string, string>
  onFlagged: (on: boolean) => void
  onCourse: (id: string) => void
}) {
  const id = createUniqueId()
  return (
    <div class="mb-3 flex flex-wrap items-center gap-3">
      <label class="inline-flex min-h-9 items-center gap-2 text-sm">
        <input
          type="checkbox"
          class="size-4 accent-[var(--color-primary)]"
          checked={props.flagged}
          onChange={(e) => props.onFlagged(e.currentTarget.checked)}
        />
        {t('review.flaggedOnly')}
      </label>
      <label for={id} class="sr-only">
        {t('review.course')}
      </label>
      <select
        id={id}
        class="input min-h-9 w-auto max-w-full flex-1 py-1 pr-8 text-sm"
        value={props.course}
        onChange={(e) => props.onCourse(e.currentTarget.value)}
      >
        <option value="">{t('review.allCourses')}</option>
        <For each={[...props.courses]}>
          {([value, title]) => (
            <option value={value} selected={value === props.course}>
              {title}
            </option>
          )}
        </For>
      </select>
    </div>
  )
}
