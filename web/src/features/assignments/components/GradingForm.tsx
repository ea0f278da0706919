import { revalidate, useNavigate } from '@solidjs/router'
import ArrowRight from 'lucide-solid/icons/arrow-right'
import { createMemo, createSignal, For, Index, onCleanup, onMount, Show } from 'solid-js'
import { createStore } from 'solid-js/store'
import { ASSIGNMENT_LIMITS } from '../../../../../edge/contract/assessments-values.ts'
import type { Rubric, Submission, SubmissionList } from '../../../../../edge/contract/assignments.ts'
import { ApiError, errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { getAssignments, getSubmission, getSubmissions, gradeSubmission } from '../api.ts'
import { gradeKey, keyTarget, moveWithin } from '../grade-keys.ts'
import { formatPoints } from '../grade-text.ts'
import {
  checkGrade,
  type GradeDraft,
  gradeDraft,
  gradeFields,
  gradePreview,
  type MarkCriterion,
  nextUngraded,
  refusedField,
} from '../grading.ts'
import { messages } from '../teacher-messages.ts'
import { ShortcutHelp } from './ShortcutHelp.tsx'

const t = translator(messages)

/**
 * The rubric side of grading: a level per criterion (points rubrics) or achieved / not yet (BTEC),
 * feedback per criterion and overall, or points typed in without a rubric; the total or the BTEC
 * grade as the server will compute it; Save and Next ungraded, and the keyboard shortcuts.
 */
export function GradingForm(props: {
  submission: Submission
  list: SubmissionList
  /** Receives the function that marks a criterion from outside (an accepted AI suggestion). */
  onMarker?: (mark: MarkCriterion) => void
}) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const a = () => props.list.assignment
  const rubric = (): Rubric | null => a().rubric
  const kind = () => rubric()?.kind ?? 'none'
  const criteria = () => rubric()?.criteria ?? []
  const [draft, setDraft] = createStore<GradeDraft>(gradeDraft(rubric(), props.submission.grade))
  const [saved, setSaved] = createSignal(JSON.stringify(draft))
  const dirty = () => JSON.stringify(draft) !== saved()
  const [focused, setFocused] = createSignal(0)
  const [help, setHelp] = createSignal(false)
  const preview = createMemo(() =>
    gradePreview(rubric(), a().max_points, draft, props.submission.late, a().late_penalty_percent),
  )
  const next = () => nextUngraded(props.list.items, props.submission.id)
  /** "7.5 / 10" or the BTEC grade the marks give so far. */
  const total = () => {
    const p = preview()
    if (p.kind === 'btec') return t(`btec.${p.grade}`)
    return `${p.points === null ? '—' : formatPoints(p.points)} / ${formatPoints(p.max)}`
  }
  /** How many criteria are marked, and the points before a late penalty. */
  const detail = () => {
    const p = preview()
    const parts = [t('grade.marked', { marked: p.marked, total: p.total })]
    if (p.kind === 'points' && p.raw !== null && props.submission.late && a().late_penalty_percent > 0)
      parts.push(t('grade.penalty', { raw: formatPoints(p.raw), percent: a().late_penalty_percent }))
    return parts.join(' · ')
  }

  const form = createForm({
    fields: gradeFields(rubric()),
    validate: () =>
      checkGrade(rubric(), a().max_points, draft, {
        chooseLevel: t('grade.errLevel'),
        markAchieved: t('grade.errAchieved'),
        points: (max) => t('grade.errPoints', { max: formatPoints(max) }),
        tooLong: (max) => t('grade.errTooLong', { max }),
      }),
    submit: async (body) => {
      await gradeSubmission(props.submission.id, body)
      setSaved(JSON.stringify(draft))
      toast.success(t('grade.saved'), props.submission.student_name)
      await revalidate([
        getSubmission.keyFor(props.submission.id),
        getSubmissions.keyFor(a().id),
        getAssignments.keyFor(a().course_id),
      ])
    },
    // The database names the criterion (or the points) a refused grade is about.
    fieldErrors: (error) => {
      if (!(error instanceof ApiError) || error.code !== 'grade_invalid') return undefined
      const field = refusedField(rubric(), error.details)
      return field ? { [field]: errorMessage(error) } : undefined
    },
  })

  const err = (path: string) => form.errors()[path]
  /** Marks a criterion; its "choose a level" message goes once it is marked. */
  function setMark(index: number, change: { level_id: string } | { achieved: boolean }) {
    const c = criteria()[index]
    if (!c) return
    if ('level_id' in change) setDraft('marks', c.id, 'level_id', change.level_id)
    else setDraft('marks', c.id, 'achieved', change.achieved)
    const { [`criteria.${index}`]: _, ...rest } = form.errors()
    if (err(`criteria.${index}`)) form.setErrors(rest)
  }
  props.onMarker?.((criterionId, change) => {
    const i = criteria().findIndex((c) => c.id === criterionId)
    if (i >= 0) setMark(i, change)
  })

  async function goNext() {
    const target = next()
    if (!target) {
      toast.success(t('grade.allGraded'))
      return
    }
    if (dirty() && !(await form.onSubmit())) return
    navigate(`/t/${tenant().slug}/submissions/${target}`)
  }

  const focusCriterion = (index: number) => {
    setFocused(index)
    const el = document.getElementById(`criterion-${index}`)
    el?.focus({ preventScroll: true })
    el?.scrollIntoView({ block: 'nearest', behavior: 'smooth' })
  }

  function onKey(e: KeyboardEvent) {
    if (e.defaultPrevented) return
    // A dialog (the shell's menus, a toast) has the keyboard: its keys are its own.
    if (e.target instanceof Element && e.target.closest('[role="dialog"],[role="alertdialog"],[role="menu"]'))
      return
    const action = gradeKey(
      {
        key: e.key,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        altKey: e.altKey,
        shiftKey: e.shiftKey,
        isComposing: e.isComposing,
        target: keyTarget(e.target as HTMLElement | null),
      },
      kind(),
    )
    if (!action) return
    e.preventDefault()
    const c = criteria()[focused()]
    switch (action.type) {
      case 'level': {
        const level = c?.levels?.[action.index]
        if (level) setMark(focused(), { level_id: level.id })
        break
      }
      case 'achieved':
        setMark(focused(), { achieved: action.value })
        break
      case 'move':
        focusCriterion(moveWithin(focused(), action.by, criteria().length))
        break
      case 'save':
        void form.onSubmit()
        break
      case 'next':
        void goNext()
        break
      case 'help':
        setHelp((open) => !open)
        break
    }
  }
  onMount(() => document.addEventListener('keydown', onKey))
  onCleanup(() => document.removeEventListener('keydown', onKey))

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-4">
      <div class="card sticky top-[65px] z-10 flex flex-wrap items-center justify-between gap-3 p-4">
        <div aria-live="polite">
          <p class="text-xs text-muted uppercase">{t('grade.preview')}</p>
          <p class="text-2xl font-bold">{total()}</p>
          <p class="text-xs text-muted">{detail()}</p>
        </div>
        <div class="flex flex-wrap gap-2">
          <Button type="submit" pending={form.pending()}>
            {t('grade.save')}
          </Button>
          <Button variant="secondary" onClick={() => void goNext()} disabled={!next()}>
            {next() ? t('grade.next') : t('grade.noneLeft')}
            <ArrowRight size={16} aria-hidden="true" />
          </Button>
        </div>
        <Show when={dirty()}>
          <p class="w-full text-xs text-warn">{t('grade.unsaved')}</p>
        </Show>
      </div>

      <ShortcutHelp kind={kind()} open={help()} onToggle={setHelp} />

      <Show
        when={rubric()}
        fallback={
          <TextField
            label={t('grade.points', { max: formatPoints(a().max_points) })}
            name="points"
            inputMode="decimal"
            value={draft.points}
            onValue={(v) => setDraft('points', v)}
            error={err('points')}
            class="max-w-48"
          />
        }
      >
        {(r) => (
          <ol class="space-y-3">
            <Index each={r().criteria}>
              {(c, i) => {
                const mark = () => draft.marks[c().id]
                return (
                  <li>
                    <fieldset
                      id={`criterion-${i}`}
                      tabIndex={-1}
                      class={`card scroll-mt-48 scroll-mb-4 p-4 outline-none transition-shadow ${
                        focused() === i ? 'ring-2 ring-primary' : ''
                      } ${err(`criteria.${i}`) ? 'border-danger' : ''}`}
                      onFocusIn={() => setFocused(i)}
                      aria-invalid={err(`criteria.${i}`) ? 'true' : undefined}
                      aria-describedby={err(`criteria.${i}`) ? `criterion-${i}-err` : undefined}
                    >
                      <legend class="sr-only">
                        {r().kind === 'btec' ? `${c().code} ${c().description ?? ''}` : (c().title ?? '')}
                      </legend>
                      <div aria-hidden="true">
                        <p class="font-medium break-words">
                          <Show when={r().kind === 'btec'}>
                            <span class="badge mr-2 bg-subtle font-mono text-fg">{c().code}</span>
                          </Show>
                          {r().kind === 'btec' ? c().description : c().title}
                        </p>
                        <Show when={r().kind === 'points' && c().description}>
                          <p class="mt-0.5 text-sm text-muted break-words">{c().description}</p>
                        </Show>
                      </div>
                      <div class="mt-3 grid gap-2 sm:grid-cols-2">
                        <Show
                          when={r().kind === 'btec'}
                          fallback={
                            <For each={c().levels ?? []}>
                              {(level, j) => (
                                <Choice
                                  name={`criterion-${i}`}
                                  checked={mark()?.level_id === level.id}
                                  onChoose={() => setMark(i, { level_id: level.id })}
                                  hint={String(j() + 1)}
                                  label={t('grade.level', {
                                    title: level.title,
                                    points: formatPoints(level.points),
                                  })}
                                />
                              )}
                            </For>
                          }
                        >
                          <Choice
                            name={`criterion-${i}`}
                            checked={mark()?.achieved === true}
                            onChoose={() => setMark(i, { achieved: true })}
                            hint="A"
                            label={t('grade.achieved')}
                          />
                          <Choice
                            name={`criterion-${i}`}
                            checked={mark()?.achieved === false}
                            onChoose={() => setMark(i, { achieved: false })}
                            hint="N"
                            label={t('grade.notYet')}
                          />
                        </Show>
                      </div>
                      <Show when={err(`criteria.${i}`)}>
                        {(e) => (
                          <p id={`criterion-${i}-err`} class="mt-2 text-sm text-danger">
                            {e()}
                          </p>
                        )}
                      </Show>
                      <TextAreaField
                        class="mt-3"
                        label={t('grade.criterionFeedback')}
                        rows={2}
                        value={mark()?.feedback ?? ''}
                        onValue={(v) => setDraft('marks', c().id, 'feedback', v)}
                        error={err(`criteria.${i}.feedback`)}
                        maxLength={ASSIGNMENT_LIMITS.feedback}
                      />
                    </fieldset>
                  </li>
                )
              }}
            </Index>
          </ol>
        )}
      </Show>

      <TextAreaField
        label={t('grade.feedback')}
        name="feedback"
        rows={4}
        value={draft.feedback}
        onValue={(v) => setDraft('feedback', v)}
        error={err('feedback')}
        maxLength={ASSIGNMENT_LIMITS.feedback}
      />
      <FormError form={form} />
    </form>
  )
}

/** One option of a criterion (a level, or achieved / not yet) with its shortcut key. */
function Choice(props: {
  name: string
  checked: boolean
  onChoose: () => void
  label: string
  hint: string
}) {
  return (
    <label
      class={`flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${
        props.checked ? 'border-primary bg-primary/10' : 'border-line hover:bg-subtle'
      }`}
    >
      <input type="radio" name={props.name} checked={props.checked} onChange={() => props.onChoose()} />
      <span class="min-w-0 flex-1 break-words">{props.label}</span>
      <span
        aria-hidden="true"
        class="hidden rounded border border-line px-1.5 font-mono text-xs text-muted sm:inline"
      >
        {props.hint}
      </span>
    </label>
  )
}
