import ArrowDown from 'lucide-solid/icons/arrow-down'
import ArrowUp from 'lucide-solid/icons/arrow-up'
import Pencil from 'lucide-solid/icons/pencil'
import Trash from 'lucide-solid/icons/trash'
import { Show } from 'solid-js'
import type { EditorQuestion } from '../../../../../edge/contract/assessments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { messages } from './messages.ts'
import { keySummary } from './question-form.ts'

const t = translator(messages)

const SMALL = 'min-h-9 px-3 py-1.5'
const ICON = 'size-9 min-h-9 px-0'

/**
 * Question `n` in the editor's list: kind, points, prompt and its answer key in a few words, with
 * Edit, move up and down (ids `move-up-<id>`, `move-down-<id>`, where focus returns after a move)
 * and Delete.
 */
export function QuestionCard(props: {
  question: EditorQuestion
  n: number
  last: boolean
  moving: boolean
  onEdit: () => void
  onMove: (step: -1 | 1) => void
  onDelete: () => void
}) {
  const q = () => props.question
  return (
    <div class="rounded-xl border border-line p-4">
      <div class="flex flex-wrap items-baseline justify-between gap-2 text-sm text-muted">
        <span>
          {t('question.number', { n: props.n })} · {t(`kind.${q().kind}`)}
        </span>
        <span>{t('question.points', { count: q().points })}</span>
      </div>
      <p class="mt-1 font-medium break-words whitespace-pre-line">{q().prompt}</p>
      <Show when={keySummary(q(), { yes: t('form.true'), no: t('form.false') })}>
        {(answer) => (
          <p class="mt-1 text-sm break-words text-success">{t('question.answer', { answer: answer() })}</p>
        )}
      </Show>
      <div class="mt-3 flex flex-wrap items-center gap-2">
        <Button
          id={`edit-${q().id}`}
          variant="secondary"
          class={SMALL}
          aria-label={t('question.editLabel', { n: props.n })}
          onClick={props.onEdit}
        >
          <Pencil size={16} aria-hidden="true" />
          {t('question.edit')}
        </Button>
        <Button
          id={`move-up-${q().id}`}
          variant="ghost"
          class={ICON}
          aria-label={t('question.up', { n: props.n })}
          disabled={props.n === 1}
          pending={props.moving}
          onClick={() => props.onMove(-1)}
        >
          <Show when={!props.moving}>
            <ArrowUp size={18} aria-hidden="true" />
          </Show>
        </Button>
        <Button
          id={`move-down-${q().id}`}
          variant="ghost"
          class={ICON}
          aria-label={t('question.down', { n: props.n })}
          disabled={props.last}
          pending={props.moving}
          onClick={() => props.onMove(1)}
        >
          <Show when={!props.moving}>
            <ArrowDown size={18} aria-hidden="true" />
          </Show>
        </Button>
        <Button
          variant="ghost"
          class={`${SMALL} ml-auto text-danger hover:bg-danger-soft`}
          aria-label={t('question.deleteLabel', { n: props.n })}
          onClick={props.onDelete}
        >
          <Trash size={16} aria-hidden="true" />
          {t('question.delete')}
        </Button>
      </div>
    </div>
  )
}
