import { createSignal, Match, onCleanup, Switch } from 'solid-js'
import { SESSION_LIMITS } from '../../../../../edge/contract/tutoring-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { updateTutoringSession } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

type SaveState = 'saved' | 'dirty' | 'saving' | 'error'

/**
 * The tutor's logbook of a session: what was covered, who needs help. Saved with the button or
 * Ctrl/Cmd+S; the state says whether what is on screen is what the school keeps.
 */
export function NotesEditor(props: { sessionId: string; initial: string; readOnly?: boolean }) {
  const [text, setText] = createSignal(props.initial)
  const [saved, setSaved] = createSignal(props.initial)
  const [state, setState] = createSignal<SaveState>('saved')
  const [error, setError] = createSignal<string>()

  async function save() {
    if (state() === 'saving') return
    const value = text()
    setState('saving')
    setError()
    try {
      await updateTutoringSession(props.sessionId, { notes: value })
      setSaved(value)
      setState(text() === value ? 'saved' : 'dirty')
    } catch (e) {
      setError(errorMessage(e))
      setState('error')
    }
  }

  // Leaving with unsaved notes asks first.
  const beforeUnload = (e: BeforeUnloadEvent) => {
    if (text() !== saved()) e.preventDefault()
  }
  addEventListener('beforeunload', beforeUnload)
  onCleanup(() => removeEventListener('beforeunload', beforeUnload))

  return (
    <div>
      <label for="session-notes" class="sr-only">
        {t('notes.label')}
      </label>
      <textarea
        id="session-notes"
        class="input min-h-40 resize-y font-normal"
        value={text()}
        readOnly={props.readOnly}
        maxLength={SESSION_LIMITS.notes}
        placeholder={props.readOnly ? t('notes.empty') : t('notes.placeholder')}
        onInput={(e) => {
          setText(e.currentTarget.value)
          setState(e.currentTarget.value === saved() ? 'saved' : 'dirty')
        }}
        onKeyDown={(e) => {
          if ((e.ctrlKey || e.metaKey) && e.key === 's') {
            e.preventDefault()
            void save()
          }
        }}
      />
      <div class="mt-2 flex flex-wrap items-center justify-between gap-3" hidden={props.readOnly}>
        <p
          role="status"
          class="text-sm"
          classList={{ 'text-danger': state() === 'error', 'text-muted': state() !== 'error' }}
        >
          <Switch>
            <Match when={state() === 'saved'}>{t('notes.saved')}</Match>
            <Match when={state() === 'dirty'}>{t('notes.dirty')}</Match>
            <Match when={state() === 'saving'}>{t('notes.saving')}</Match>
            <Match when={state() === 'error'}>{t('notes.failed', { error: error() ?? '' })}</Match>
          </Switch>
        </p>
        <Button
          variant="secondary"
          pending={state() === 'saving'}
          disabled={state() === 'saved'}
          onClick={() => void save()}
        >
          {t('notes.save')}
        </Button>
      </div>
    </div>
  )
}
