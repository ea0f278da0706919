import { createSignal, For, onMount, Show } from 'solid-js'
import { TUTOR_MODES, type TutorModeValue } from '../../../../../edge/contract/ai-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

const LABELS = {
  hints: () => [t('modeHints'), t('modeHintsText')],
  answers: () => [t('modeAnswers'), t('modeAnswersText')],
} satisfies Record<TutorModeValue, () => string[]>

/** A course's tutor mode (hints or answers), saved as soon as it is chosen; hidden when it cannot load. */
export function CourseTutorMode(props: { courseId: string }) {
  // Plain signals, not a resource: the edit form around it must never wait for (or fail with) this.
  const [mode, setMode] = createSignal<TutorModeValue>()
  const [failed, setFailed] = createSignal(false)
  const [saving, setSaving] = createSignal(false)
  onMount(() => {
    api()
      .get('/courses/:id/tutor', { params: { id: props.courseId } })
      .then(
        (found) => setMode(found.mode),
        () => setFailed(true),
      )
  })

  async function choose(next: TutorModeValue) {
    const before = mode()
    setMode(next)
    setSaving(true)
    try {
      await api().put('/courses/:id/tutor', { mode: next }, { params: { id: props.courseId } })
      toast.success(t('modeSaved'))
    } catch (e) {
      setMode(before)
      toast.error(t('modeFailed'), errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  return (
    <Show when={!failed()}>
      <fieldset class="card mt-6 space-y-3 p-5 sm:p-6" aria-busy={saving() || !mode() ? 'true' : undefined}>
        <legend class="sr-only">{t('mode')}</legend>
        <div>
          <p class="font-semibold" aria-hidden="true">
            {t('mode')}
          </p>
          <p class="mt-1 text-sm text-muted">{t('modeText')}</p>
        </div>
        <Show when={mode()} fallback={<p class="text-sm text-muted">{t('modeLoading')}</p>}>
          <For each={TUTOR_MODES}>
            {(m) => (
              <label class="flex cursor-pointer items-start gap-3 rounded-lg border border-line p-3 has-[:checked]:border-primary">
                <input
                  type="radio"
                  name="tutor-mode"
                  value={m}
                  class="mt-1 accent-[var(--color-primary)]"
                  checked={mode() === m}
                  disabled={saving()}
                  onChange={() => void choose(m)}
                />
                <span>
                  <span class="block text-sm font-medium">{LABELS[m]()[0]}</span>
                  <span class="block text-sm text-muted">{LABELS[m]()[1]}</span>
                </span>
              </label>
            )}
          </For>
        </Show>
      </fieldset>
    </Show>
  )
}
