import { type Accessor, createSignal, createUniqueId, For, type JSX, onCleanup, Show } from 'solid-js'
import type { MentionableList, MentionPlace } from '../../../../edge/contract/mentions.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { fetchMentionable } from './api.ts'
import { insertMention, mentionedIn, mentionQuery, type Person } from './mention-text.ts'
import { messages } from './messages.ts'

const t = translator(messages)
const WAIT_MS = 150

/**
 * "@" in a text box offers the course's people (a list under the box: arrows move, Enter
 * or Tab picks, Escape closes). `field` goes on the textarea, `list` under it; `ids()` is whom the
 * words mention now, for the request; `reset()` after sending.
 */
export function createMentions(props: {
  courseId: Accessor<string>
  place: MentionPlace
  value: Accessor<string>
  setValue: (text: string) => void
  /** Also given the textarea (for focus). */
  ref?: (el: HTMLTextAreaElement) => void
}) {
  const listId = createUniqueId()
  let box: HTMLTextAreaElement | undefined
  const [typing, setTyping] = createSignal<{ start: number; query: string }>()
  const [query, setQuery] = createSignal<string>()
  const [active, setActive] = createSignal(0)
  const [picked, setPicked] = createSignal<Person[]>([])
  // Plain signals, not a resource: a resource's first load would suspend the page around the box
  // (taking the focus out of it) while the person types.
  const [found, setFound] = createSignal<MentionableList['people']>([])
  const [loading, setLoading] = createSignal(false)
  let asked = 0
  async function search(q: string) {
    const mine = ++asked
    setLoading(true)
    const people = await fetchMentionable(props.courseId(), props.place, q)
      .then((r) => r.people)
      .catch(() => [])
    if (mine !== asked) return
    setFound(people)
    setLoading(false)
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  onCleanup(() => clearTimeout(timer))

  /** Reads what is typed before the caret; asks for people a moment after the typing stops. */
  function look() {
    const at = box ? mentionQuery(props.value(), box.selectionStart ?? 0) : undefined
    setTyping(at)
    setActive(0)
    clearTimeout(timer)
    if (!at) return setQuery(undefined)
    timer = setTimeout(() => {
      setQuery(at.query)
      void search(at.query)
    }, WAIT_MS)
  }
  const open = () => typing() !== undefined && query() !== undefined
  const people = () => (open() ? found() : [])

  function pick(person: Person) {
    const at = typing()
    if (!box || !at) return
    const next = insertMention(props.value(), at.start, box.selectionStart ?? 0, person.name)
    props.setValue(next.text)
    setPicked((list) => [...list, { id: person.id, name: person.name }])
    setTyping(undefined)
    setQuery(undefined)
    queueMicrotask(() => box?.setSelectionRange(next.caret, next.caret))
  }

  const onKeyDown: JSX.EventHandler<HTMLTextAreaElement, KeyboardEvent> = (e) => {
    if (!open()) return
    const count = people().length
    if (e.key === 'Escape') {
      e.preventDefault()
      e.stopPropagation()
      setTyping(undefined)
    } else if (count && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) {
      e.preventDefault()
      setActive((i) => (i + (e.key === 'ArrowDown' ? 1 : count - 1)) % count)
    } else if (count && (e.key === 'Enter' || e.key === 'Tab')) {
      e.preventDefault()
      const person = people()[active()]
      if (person) pick(person)
    }
  }

  const optionId = (i: number) => `${listId}-${i}`
  return {
    ids: () => mentionedIn(props.value(), picked()),
    reset: () => setPicked([]),
    /** Spread on the textarea; call `look` after each change of its words. */
    field: {
      ref: (el: HTMLTextAreaElement) => {
        box = el
        props.ref?.(el)
      },
      // A textarea keeps its textbox role; the open list is tied to it by these.
      'aria-autocomplete': 'list' as const,
      get 'aria-controls'() {
        return open() ? listId : undefined
      },
      get 'aria-activedescendant'() {
        return open() && people().length ? optionId(active()) : undefined
      },
      onKeyDown,
      onClick: look,
      onBlur: () => setTimeout(() => setTyping(undefined), 150),
    },
    look,
    list: () => (
      <Show when={open()}>
        <div class="relative">
          <div
            id={listId}
            role="listbox"
            aria-label={t('mentions.label')}
            class="card absolute left-0 top-1 z-20 max-h-64 w-full max-w-sm overflow-auto p-1 text-sm shadow-lg"
            data-testid="mention-list"
          >
            <Show
              when={people().length > 0}
              fallback={
                <p class="px-3 py-2 text-muted">{loading() ? t('mentions.loading') : t('mentions.none')}</p>
              }
            >
              <For each={people()}>
                {(person, i) => (
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the keys are the text box's (arrows, Enter, Tab), which keeps the focus while the list is open
                  <div
                    id={optionId(i())}
                    role="option"
                    tabIndex={-1}
                    aria-selected={i() === active()}
                    class={`flex cursor-pointer items-center justify-between gap-2 rounded-md px-3 py-2 ${i() === active() ? 'bg-subtle text-fg' : ''}`}
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => pick(person)}
                  >
                    <span class="truncate">{person.name}</span>
                    <Show when={person.teaches}>
                      <span class="text-xs text-muted">{t('mentions.teaches')}</span>
                    </Show>
                  </div>
                )}
              </For>
            </Show>
          </div>
        </div>
      </Show>
    ),
  }
}
