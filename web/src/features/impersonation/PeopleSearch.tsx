import { useNavigate } from '@solidjs/router'
import Search from 'lucide-solid/icons/search'
import { batch, createSignal, For, onCleanup, Show } from 'solid-js'
import type { TenantRole } from '../../../../edge/contract/tenancy.ts'
import { errorMessage } from '../../api/errors.ts'
import { roleLabel } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Button } from '../../ui/Button.tsx'
import { TextAreaField } from '../../ui/Field.tsx'
import { FormDialog } from '../../ui/FormDialog.tsx'
import { findPeople, type Person, startImpersonation } from './console-api.ts'
import { messages } from './messages.ts'

const t = translator(messages)

const nameOf = (p: Person) => p.display_name || p.email || p.id

/** The console's "Act as someone for support": find a person by email or name, then say why. */
export default function PeopleSearch() {
  const [text, setText] = createSignal('')
  const [q, setQ] = createSignal('')
  const [chosen, setChosen] = createSignal<Person>()
  // Plain signals, not a resource: a search in flight must not suspend the page (or the input).
  const [list, setList] = createSignal<Person[]>()
  const [error, setError] = createSignal<unknown>()
  const [loading, setLoading] = createSignal(false)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0
  onCleanup(() => clearTimeout(timer))
  const search = async (query: string) => {
    const mine = ++asked
    setQ(query)
    if (query.length < 2) return setList(undefined)
    setLoading(true)
    try {
      const found = await findPeople(query)
      if (mine === asked) {
        batch(() => {
          setList(found)
          setError(undefined)
        })
      }
    } catch (e) {
      if (mine === asked) setError(e)
    } finally {
      if (mine === asked) setLoading(false)
    }
  }
  const type = (value: string) => {
    setText(value)
    clearTimeout(timer)
    timer = setTimeout(() => void search(value.trim()), 300)
  }
  return (
    <section class="mt-10" aria-labelledby="impersonate-title">
      <h2 id="impersonate-title" class="text-lg font-semibold">
        {t('imp.title')}
      </h2>
      <p class="mb-4 max-w-2xl text-sm text-muted">{t('imp.text')}</p>
      <div class="relative w-full max-w-md">
        <label for="impersonate-search" class="mb-1.5 block text-sm font-medium">
          {t('imp.search')}
        </label>
        <Search size={16} class="pointer-events-none absolute bottom-3 left-3 text-muted" />
        <input
          id="impersonate-search"
          type="search"
          class="input pl-9"
          placeholder={t('imp.searchPlaceholder')}
          value={text()}
          onInput={(e) => type(e.currentTarget.value)}
        />
      </div>
      <div class="mt-4" aria-live="polite" aria-busy={loading() ? 'true' : undefined}>
        <Show when={error()}>
          {(e) => (
            <p class="text-sm text-danger" role="alert">
              {errorMessage(e())}
            </p>
          )}
        </Show>
        <Show when={!error() && list()}>
          {(list) => (
            <Show
              when={list().length > 0}
              fallback={<p class="text-sm text-muted">{t('imp.none', { q: q() })}</p>}
            >
              <ul class="divide-y divide-line rounded-xl border border-line bg-surface">
                <For each={list()}>{(p) => <PersonRow person={p} onChoose={() => setChosen(p)} />}</For>
              </ul>
            </Show>
          )}
        </Show>
      </div>
      <Show when={chosen()}>{(p) => <ReasonDialog person={p()} onClose={() => setChosen()} />}</Show>
    </section>
  )
}

function PersonRow(props: { person: Person; onChoose: () => void }) {
  const p = () => props.person
  return (
    <li class="flex flex-wrap items-center gap-3 px-4 py-3 text-sm" data-person={p().email ?? p().id}>
      <div class="min-w-0 flex-1">
        <div class="font-medium">{nameOf(p())}</div>
        <div class="text-xs text-muted">{p().email}</div>
        <div class="text-xs text-muted">
          <Show when={p().schools.length > 0} fallback={t('imp.noSchool')}>
            {p()
              .schools.map((s) => `${s.name} · ${roleLabel(s.role as TenantRole)}`)
              .join(', ')}
          </Show>
        </div>
      </div>
      <Show when={!p().superadmin} fallback={<span class="text-xs text-muted">{t('imp.superadmin')}</span>}>
        <Button
          variant="secondary"
          onClick={props.onChoose}
          aria-label={t('imp.startLabel', { name: nameOf(p()) })}
        >
          {t('imp.start')}
        </Button>
      </Show>
    </li>
  )
}

function ReasonDialog(props: { person: Person; onClose: () => void }) {
  const navigate = useNavigate()
  const [reason, setReason] = createSignal('')
  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={t('imp.dialogTitle', { name: nameOf(props.person) })}
      description={t('imp.dialogText')}
      submitLabel={t('imp.submit')}
      onSubmit={async () => {
        await startImpersonation(props.person.id, reason().trim())
        const school = props.person.schools[0]
        navigate(school ? `/t/${school.slug}` : '/')
      }}
    >
      <TextAreaField
        label={t('imp.reason')}
        description={t('imp.reasonHint')}
        value={reason()}
        onValue={setReason}
        required
        minLength={10}
        maxLength={500}
        rows={3}
      />
    </FormDialog>
  )
}
