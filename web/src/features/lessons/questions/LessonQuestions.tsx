import MessageCircleQuestion from 'lucide-solid/icons/message-circle-question-mark'
import { createSignal, onCleanup, onMount, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { CommentBox } from '../comments/NewComment.tsx'
import { askQuestion } from './api.ts'
import { messages } from './messages.ts'
import { QuestionList } from './QuestionList.tsx'
import { createQuestions } from './questions-state.ts'

const t = translator(messages)
const QUOTE_MAX = 500

/** The words selected inside `text` (trimmed), or '' when the selection is elsewhere or empty. */
function selectedIn(text: HTMLElement | undefined): string {
  const selection = document.getSelection()
  if (!text || !selection || selection.isCollapsed || selection.rangeCount === 0) return ''
  const range = selection.getRangeAt(0)
  return text.contains(range.commonAncestorContainer) ? selection.toString().replace(/\s+/g, ' ').trim() : ''
}

/**
 * Under a published lesson, for an enrolled student when the course takes questions: select words
 * in the lesson, ask about them, read the teachers' answers. Only the student and the teachers see
 * them. On a phone the "Ask" button stays at the bottom of the screen while words are selected.
 */
export function LessonQuestions(props: {
  lessonId: string
  courseId: string
  text: () => HTMLElement | undefined
}) {
  const questions = createQuestions(
    () => props.lessonId,
    () => props.courseId,
  )
  const [selected, setSelected] = createSignal('')
  const [quote, setQuote] = createSignal<string>()
  const [problem, setProblem] = createSignal<string>()
  onMount(() => {
    const follow = () => setSelected(selectedIn(props.text()))
    document.addEventListener('selectionchange', follow)
    onCleanup(() => document.removeEventListener('selectionchange', follow))
  })
  const visible = () => questions.list.latest?.can_ask || questions.threads().length > 0

  function begin() {
    const words = selected() || selectedIn(props.text())
    if (!words) return setProblem(t('questions.selectFirst'))
    if (words.length > QUOTE_MAX) return setProblem(t('questions.quoteTooLong'))
    setProblem()
    setQuote(words)
  }

  return (
    <Show when={visible()}>
      <section aria-labelledby="questions-heading" class="mt-10 space-y-4 border-t border-line pt-6">
        <h2 id="questions-heading" class="flex items-center gap-2 text-xl font-semibold">
          <MessageCircleQuestion size={20} aria-hidden="true" />
          {t('questions.title')}
        </h2>
        <Show when={questions.list.latest?.can_ask}>
          <p class="text-sm text-muted">{t('questions.intro')}</p>
          <Button variant="secondary" onMouseDown={(e) => e.preventDefault()} onClick={begin}>
            {t('questions.ask')}
          </Button>
          {/* Words selected anywhere in the lesson: the same button floats at the bottom of the screen. */}
          <Show when={selected() && !quote()}>
            <div class="fixed inset-x-0 bottom-4 z-30 flex justify-center px-4">
              <Button class="shadow-lg" onMouseDown={(e) => e.preventDefault()} onClick={begin}>
                <MessageCircleQuestion size={18} aria-hidden="true" />
                {t('questions.ask')}
              </Button>
            </div>
          </Show>
          <Show when={problem()}>
            <p role="status" class="text-sm text-muted">
              {problem()}
            </p>
          </Show>
          <Show when={quote()}>
            {(q) => (
              <div class="card space-y-2 p-3 text-sm">
                <p class="rounded-md border-l-4 border-warn bg-warn-soft px-2 py-1">
                  <q class="line-clamp-3 italic">{q()}</q>
                </p>
                <CommentBox
                  label={t('questions.label')}
                  submitLabel={t('questions.send')}
                  pendingLabel={t('questions.sending')}
                  autofocus
                  send={async (body) => {
                    await questions.apply(askQuestion(props.lessonId, q(), body))
                    setQuote()
                    document.getSelection()?.removeAllRanges()
                    toast.success(t('questions.sent'))
                  }}
                  onCancel={() => setQuote()}
                />
              </div>
            )}
          </Show>
        </Show>
        <h3 class="font-semibold">{t('questions.mine')}</h3>
        <QuestionList questions={questions} empty={<p class="text-sm text-muted">{t('questions.none')}</p>} />
      </section>
    </Show>
  )
}
