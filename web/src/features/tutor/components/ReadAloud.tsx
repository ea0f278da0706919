import Square from 'lucide-solid/icons/square'
import Volume2 from 'lucide-solid/icons/volume-2'
import { createSignal, onCleanup, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../messages.ts'
import { speakable, speechLang } from '../speech.ts'

const t = translator(messages)

/** The answer being read now (one at a time on the page). */
const [speaking, setSpeaking] = createSignal<string>()

const supported = () => typeof window !== 'undefined' && 'speechSynthesis' in window

/** "Read aloud" for one answer, with the browser's speech synthesis; pressed again, it stops. Hidden without it. */
export function ReadAloud(props: { id: string; text: string; language: 'en' | 'sw' }) {
  const on = () => speaking() === props.id
  onCleanup(() => {
    if (on()) {
      window.speechSynthesis.cancel()
      setSpeaking()
    }
  })

  function toggle() {
    const synth = window.speechSynthesis
    synth.cancel()
    if (on()) return setSpeaking()
    const utterance = new SpeechSynthesisUtterance(speakable(props.text))
    utterance.lang = speechLang(props.language)
    const voice = synth.getVoices().find((v) => v.lang.replace('_', '-').startsWith(props.language))
    if (voice) utterance.voice = voice
    const done = () => speaking() === props.id && setSpeaking()
    utterance.onend = done
    utterance.onerror = done
    setSpeaking(props.id)
    synth.speak(utterance)
  }

  return (
    <Show when={supported()}>
      <button
        type="button"
        class="btn-ghost min-h-9 px-2.5 py-1 text-xs"
        aria-pressed={on()}
        onClick={toggle}
      >
        <Show when={on()} fallback={<Volume2 size={15} aria-hidden="true" />}>
          <Square size={13} aria-hidden="true" />
        </Show>
        {on() ? t('answer.stopReading') : t('answer.readAloud')}
      </button>
    </Show>
  )
}
