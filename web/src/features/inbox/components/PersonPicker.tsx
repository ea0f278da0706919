import { useNavigate } from '@solidjs/router'
import Search from 'lucide-solid/icons/search'
import X from 'lucide-solid/icons/x'
import { createSignal, createUniqueId, For, onCleanup, onMount, Show } from 'solid-js'
import type { MessageableList } from '../../../../../edge/contract/messages.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { Spinner } from '../../../ui/Spinner.tsx'
import { findPeople, startConversation } from '../api.ts'
import { messages } from '../messages.ts'
import { PersonAvatar } from './PersonAvatar.tsx'

const t = translator(messages)
type Person = MessageableList['people'][number]

/**
 * "New message": find a person of the school by name among those I may message, and open our
 * conversation. Plain signals, not a resource: a Suspense boundary would take the focus away.
 */
export function PersonPicker(props: { tenantId: string; onClose: () => void }) {
  const id = createUniqueId()
  const tenant = useTenant()
  const navigate = useNavigate()
  const [q, setQ] = createSignal('')
  const [people, setPeople] = createSignal<Person[] | undefined>()
  const [error, setError] = createSignal('')
  const [opening, setOpening] = createSignal<string>()
  let input: HTMLInputElement | undefined
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  const look = (words: string) => {
    clearTimeout(timer)
    timer = setTimeout(async () => {
      const mine = ++asked
      try {
        const found = await findPeople(props.tenantId, words.trim())
        if (mine === asked) setPeople(found.people)
      } catch (e) {
        if (mine === asked) setError(errorMessage(e))
      }
    }, 200)
  }
  onMount(() => {
    input?.focus()
    look('')
  })
  onCleanup(() => clearTimeout(timer))

  const open = async (person: Person) => {
    setOpening(person.id)
    try {
      const started = await startConversation(props.tenantId, person.id)
      props.onClose()
      navigate(`/t/${tenant().slug}/messages/${started.id}`)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setOpening(undefined)
    }
  }

  return (
    <section class="card space-y-3 p-4" aria-labelledby={`${id}-title`}>
      <div class="flex items-center justify-between gap-2">
        <h2 id={`${id}-title`} class="font-semibold">
          {t('inbox.new')}
        </h2>
        <button
          type="button"
          class="btn-ghost min-h-9 px-2"
          aria-label={t('inbox.cancel')}
          onClick={props.onClose}
        >
          <X size={18} aria-hidden="true" />
        </button>
      </div>
      <div>
        <label for={id} class="mb-1 block text-sm font-medium">
          {t('inbox.find')}
        </label>
        <div class="relative">
          <Search
            size={16}
            class="pointer-events-none absolute top-1/2 left-3 -translate-y-1/2 text-muted"
            aria-hidden="true"
          />
          <input
            ref={input}
            id={id}
            type="search"
            class="input pl-9"
            autocomplete="off"
            maxLength={80}
            aria-describedby={`${id}-hint`}
            value={q()}
            onInput={(e) => {
              setQ(e.currentTarget.value)
              setError('')
              look(e.currentTarget.value)
            }}
            onKeyDown={(e) => e.key === 'Escape' && props.onClose()}
          />
        </div>
        <p id={`${id}-hint`} class="mt-1 text-xs text-muted">
          {t('inbox.findHint')}
        </p>
      </div>
      <Show when={error()}>
        <p role="alert" class="text-sm text-danger">
          {error()}
        </p>
      </Show>
      <Show
        when={people()}
        fallback={
          <p class="flex items-center gap-2 text-sm text-muted" aria-live="polite">
            <Spinner /> {t('inbox.findLoading')}
          </p>
        }
      >
        {(list) => (
          <Show
            when={list().length > 0}
            fallback={
              <p class="text-sm text-muted" aria-live="polite">
                {t('inbox.findNone')}
              </p>
            }
          >
            <ul class="max-h-72 divide-y divide-line overflow-y-auto rounded-lg border border-line">
              <For each={list()}>
                {(person) => (
                  <li>
                    <button
                      type="button"
                      class="flex w-full items-center gap-3 px-3 py-2 text-left hover:bg-subtle disabled:opacity-60"
                      aria-label={t('inbox.start', { name: person.name })}
                      disabled={opening() !== undefined}
                      onClick={() => open(person)}
                    >
                      <PersonAvatar person={person} />
                      <span class="min-w-0 flex-1 truncate font-medium">{person.name}</span>
                      <Show when={opening() === person.id} fallback={<RoleBadge role={person.role} />}>
                        <Spinner />
                      </Show>
                    </button>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </section>
  )
}
