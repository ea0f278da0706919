import X from 'lucide-solid/icons/x'
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js'
import type { Member } from '../../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { TextField } from '../../../ui/Field.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { searchStudents } from '../api.ts'
import { messages } from '../messages.ts'
import { type Chosen, toggleChosen } from '../sponsorship-form.ts'

const t = translator(messages)

/**
 * Students to sponsor: a name search over the school's students (a page of 20, "Show more"), a
 * checkbox each, and the students chosen so far as chips that stay through other searches.
 */
export function StudentPicker(props: {
  tenantId: string
  chosen: readonly Chosen[]
  onChange: (chosen: Chosen[]) => void
  error?: string
}) {
  const [text, setText] = createSignal('')
  const [q, setQ] = createSignal('')
  const [found, setFound] = createSignal<Member[]>([])
  const [total, setTotal] = createSignal(0)
  const [loading, setLoading] = createSignal(false)
  const [failed, setFailed] = createSignal<string>()
  let asked = 0

  async function load(query: string, offset: number) {
    const mine = ++asked
    setLoading(true)
    setFailed()
    try {
      const page = await searchStudents(props.tenantId, query, offset)
      if (mine !== asked) return
      setFound((before) => (offset === 0 ? page.members : [...before, ...page.members]))
      setTotal(page.total)
    } catch (error) {
      if (mine === asked) setFailed(errorMessage(error))
    } finally {
      if (mine === asked) setLoading(false)
    }
  }

  createEffect(on(q, (query) => void load(query, 0)))
  createEffect(
    on(
      text,
      (value) => {
        const timer = setTimeout(() => setQ(value.trim()), 300)
        onCleanup(() => clearTimeout(timer))
      },
      { defer: true },
    ),
  )

  const isChosen = (id: string) => props.chosen.some((c) => c.id === id)
  const toggle = (m: Member) =>
    props.onChange(toggleChosen(props.chosen, { id: m.user_id, name: m.display_name }))

  return (
    <fieldset class="space-y-3">
      <legend class="mb-1.5 block text-sm font-medium">{t('form.students')}</legend>
      <Show when={props.chosen.length > 0}>
        <ul class="flex flex-wrap gap-2">
          <For each={props.chosen}>
            {(c) => (
              <li class="inline-flex items-center gap-1 rounded-full bg-primary/10 py-1 pr-1 pl-3 text-sm">
                {c.name}
                <button
                  type="button"
                  class="btn-ghost size-7 rounded-full px-0"
                  aria-label={t('form.remove', { name: c.name })}
                  onClick={() => props.onChange(props.chosen.filter((x) => x.id !== c.id))}
                >
                  <X size={14} aria-hidden="true" />
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <p class="text-sm text-muted" aria-live="polite">
        {t('form.chosen', { count: props.chosen.length })}
      </p>
      <TextField
        label={t('form.search')}
        type="search"
        autocomplete="off"
        placeholder={t('form.searchPlaceholder')}
        description={t('form.searchHint')}
        value={text()}
        onValue={setText}
        error={props.error}
      />
      <Show when={failed()}>
        <p class="text-sm text-danger">{failed()}</p>
      </Show>
      <ul
        aria-label={t('form.results')}
        class="max-h-72 divide-y divide-line overflow-y-auto rounded-lg border border-line"
      >
        <For
          each={found()}
          fallback={<li class="px-3 py-2 text-sm text-muted">{loading() ? '' : t('form.noMatch')}</li>}
        >
          {(m) => (
            <li>
              <label class="flex cursor-pointer items-center gap-3 px-3 py-2 hover:bg-subtle">
                <input
                  type="checkbox"
                  class="size-4"
                  checked={isChosen(m.user_id)}
                  onChange={() => toggle(m)}
                />
                <span class="text-sm">{m.display_name}</span>
              </label>
            </li>
          )}
        </For>
      </ul>
      <div class="flex items-center gap-3">
        <Show when={found().length < total()}>
          <button
            type="button"
            class="btn-secondary"
            disabled={loading()}
            onClick={() => void load(q(), found().length)}
          >
            {t('form.more')}
          </button>
        </Show>
        <Show when={loading()}>
          <Spinner class="text-primary" />
        </Show>
      </div>
    </fieldset>
  )
}
