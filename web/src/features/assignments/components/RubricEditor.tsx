import { revalidate } from '@solidjs/router'
import ChevronDown from 'lucide-solid/icons/chevron-down'
import ChevronUp from 'lucide-solid/icons/chevron-up'
import Plus from 'lucide-solid/icons/plus'
import X from 'lucide-solid/icons/x'
import { For, Index, Show } from 'solid-js'
import { createStore, produce, type SetStoreFunction } from 'solid-js/store'
import { ASSIGNMENT_LIMITS, type RubricKind } from '../../../../../edge/contract/assessments-values.ts'
import type { Rubric } from '../../../../../edge/contract/assignments.ts'
import { COURSE_LIMITS } from '../../../../../edge/contract/courses-values.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { createRubric, getAssignment, getRubrics, updateRubric } from '../api.ts'
import { formatPoints } from '../grade-text.ts'
import {
  checkRubric,
  draftMax,
  insertIndex,
  newCriterion,
  newRubricDraft,
  type RubricDraft,
  rubricDraft,
  rubricFields,
} from '../rubric-form.ts'
import { messages } from '../teacher-messages.ts'

const t = translator(messages)

/** CBC's four levels, which a new points rubric starts with (1–4 points). */
const cbcLevels = () => [t('editor.cbc1'), t('editor.cbc2'), t('editor.cbc3'), t('editor.cbc4')]

/**
 * A rubric's editor: its name, and its criteria — each with its levels and their points (a points
 * rubric), or its code and what it asks of the student (BTEC). Creates or replaces the rubric.
 */
export function RubricEditor(props: {
  tenantId: string
  kind: RubricKind
  rubric?: Rubric
  onDone: () => void
}) {
  const initial = props.rubric ? rubricDraft(props.rubric) : newRubricDraft(props.kind, cbcLevels())
  const [draft, setDraft] = createStore<RubricDraft>(initial)
  const btec = () => draft.kind === 'btec'

  const form = createForm({
    get fields() {
      return rubricFields(draft)
    },
    validate: () =>
      checkRubric(draft, {
        title: t('editor.errName'),
        tooLong: (max) => t('editor.errTooLong', { max }),
        criterionTitle: t('editor.errCriterion'),
        description: t('editor.errDescription'),
        code: t('editor.errCode'),
        codeTaken: t('editor.errCodeTaken'),
        needPass: t('editor.errNeedPass'),
        levelTitle: t('editor.errLevel'),
        points: (max) => t('editor.errPoints', { max }),
      }),
    submit: async (body) => {
      const saved = props.rubric
        ? await updateRubric(props.rubric.id, body)
        : await createRubric(props.tenantId, body)
      toast.success(props.rubric ? t('editor.saved') : t('editor.created'), saved.title)
      // Assignments carry their rubric: the ones open in this tab read it again.
      await revalidate([getRubrics.keyFor(props.tenantId), getAssignment.key])
      props.onDone()
    },
  })
  const err = (path: string) => form.errors()[path]

  const addCriterion = (band: 'P' | 'M' | 'D' = 'P') =>
    setDraft(
      produce((d) => {
        const made = newCriterion(d, band, cbcLevels())
        d.criteria.splice(d.kind === 'btec' ? insertIndex(d.criteria, band) : d.criteria.length, 0, made)
      }),
    )
  const move = (i: number, by: number) =>
    setDraft(
      produce((d) => {
        const [c] = d.criteria.splice(i, 1)
        d.criteria.splice(i + by, 0, c)
      }),
    )
  const full = () => draft.criteria.length >= ASSIGNMENT_LIMITS.criteria
  const max = () => draftMax(draft)

  return (
    <section id="rubric-editor" aria-labelledby="rubric-editor-heading" class="card scroll-mt-4 p-5 sm:p-6">
      <h2 id="rubric-editor-heading" class="text-lg font-semibold">
        {props.rubric
          ? t('editor.editTitle', { title: props.rubric.title })
          : btec()
            ? t('editor.newBtec')
            : t('editor.newPoints')}
      </h2>
      <p class="mt-1 text-sm text-muted">{btec() ? t('editor.btecIntro') : t('editor.pointsIntro')}</p>
      <Show when={(props.rubric?.used_by ?? 0) > 0}>
        <FormAlert tone="warn" class="mt-4">
          <p>{t('editor.inUse', { count: props.rubric?.used_by ?? 0 })}</p>
        </FormAlert>
      </Show>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="mt-5 space-y-5">
        <TextField
          label={t('editor.name')}
          name="title"
          value={draft.title}
          onValue={(v) => setDraft('title', v)}
          error={err('title')}
          maxLength={COURSE_LIMITS.title}
          placeholder={btec() ? t('editor.namePlaceholderBtec') : t('editor.namePlaceholder')}
          required
        />
        <ol class="space-y-4">
          <For each={draft.criteria}>
            {(c, i) => (
              <li class="rounded-xl border border-line p-4">
                <fieldset>
                  <div class="flex items-center justify-between gap-2">
                    <legend class="text-sm font-semibold">
                      {btec()
                        ? c.code || t('editor.criterion', { n: i() + 1 })
                        : t('editor.criterion', { n: i() + 1 })}
                    </legend>
                    <div class="flex gap-1">
                      <button
                        type="button"
                        class="btn-ghost size-9 px-0"
                        aria-label={t('editor.moveUp', { n: i() + 1 })}
                        title={t('editor.moveUp', { n: i() + 1 })}
                        disabled={i() === 0}
                        onClick={() => move(i(), -1)}
                      >
                        <ChevronUp size={16} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        class="btn-ghost size-9 px-0"
                        aria-label={t('editor.moveDown', { n: i() + 1 })}
                        title={t('editor.moveDown', { n: i() + 1 })}
                        disabled={i() === draft.criteria.length - 1}
                        onClick={() => move(i(), 1)}
                      >
                        <ChevronDown size={16} aria-hidden="true" />
                      </button>
                      <button
                        type="button"
                        class="btn-ghost size-9 px-0 text-danger"
                        aria-label={t('editor.removeCriterion', { n: i() + 1 })}
                        title={t('editor.removeCriterion', { n: i() + 1 })}
                        disabled={draft.criteria.length <= 1}
                        onClick={() => setDraft('criteria', (list) => list.filter((_, j) => j !== i()))}
                      >
                        <X size={16} aria-hidden="true" />
                      </button>
                    </div>
                  </div>
                  <Show
                    when={btec()}
                    fallback={
                      <div class="mt-3 space-y-3">
                        <TextField
                          label={t('editor.criterionTitle')}
                          value={c.title}
                          onValue={(v) => setDraft('criteria', i(), 'title', v)}
                          error={err(`criteria.${i()}.title`)}
                          maxLength={ASSIGNMENT_LIMITS.criterionText}
                        />
                        <TextField
                          label={t('editor.description')}
                          value={c.description}
                          onValue={(v) => setDraft('criteria', i(), 'description', v)}
                          error={err(`criteria.${i()}.description`)}
                          maxLength={ASSIGNMENT_LIMITS.criterionText}
                        />
                        <Levels draft={draft} setDraft={setDraft} index={i()} err={err} />
                      </div>
                    }
                  >
                    <div class="mt-3 grid gap-3 sm:grid-cols-[7rem_1fr]">
                      <TextField
                        label={t('editor.code')}
                        value={c.code}
                        onValue={(v) => setDraft('criteria', i(), 'code', v.toUpperCase())}
                        error={err(`criteria.${i()}.code`)}
                        maxLength={3}
                        autocapitalize="characters"
                      />
                      <TextField
                        label={t('editor.btecDescription')}
                        value={c.description}
                        onValue={(v) => setDraft('criteria', i(), 'description', v)}
                        error={err(`criteria.${i()}.description`)}
                        maxLength={ASSIGNMENT_LIMITS.criterionText}
                      />
                    </div>
                  </Show>
                  <Show when={err(`criteria.${i()}`)}>
                    {(e) => <p class="mt-2 text-sm text-danger">{e()}</p>}
                  </Show>
                </fieldset>
              </li>
            )}
          </For>
        </ol>
        <Show when={err('criteria')}>{(e) => <p class="text-sm text-danger">{e()}</p>}</Show>

        <div class="flex flex-wrap items-center gap-2">
          <Show
            when={btec()}
            fallback={
              <Button variant="secondary" disabled={full()} onClick={() => addCriterion()}>
                <Plus size={16} aria-hidden="true" />
                {t('editor.addCriterion')}
              </Button>
            }
          >
            <For each={['P', 'M', 'D'] as const}>
              {(band) => (
                <Button variant="secondary" disabled={full()} onClick={() => addCriterion(band)}>
                  <Plus size={16} aria-hidden="true" />
                  {t(`editor.add${band}`)}
                </Button>
              )}
            </For>
          </Show>
          <Show when={!btec()}>
            <p class="ml-auto text-sm text-muted" aria-live="polite">
              {max() === undefined ? '' : t('editor.total', { points: formatPoints(max() ?? 0) })}
            </p>
          </Show>
        </div>

        <FormError form={form} />
        <div class="flex flex-col-reverse gap-3 border-t border-line pt-4 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => props.onDone()}>
            {t('editor.cancel')}
          </Button>
          <Button type="submit" pending={form.pending()}>
            {props.rubric ? t('editor.save') : t('editor.create')}
          </Button>
        </div>
      </form>
    </section>
  )
}

/** A points criterion's levels: a name and the points each gives. */
function Levels(props: {
  draft: RubricDraft
  setDraft: SetStoreFunction<RubricDraft>
  index: number
  err: (path: string) => string | undefined
}) {
  const levels = () => props.draft.criteria[props.index]?.levels ?? []
  const path = (j: number) => `criteria.${props.index}.levels.${j}`
  return (
    <div>
      <p class="mb-2 text-sm font-medium">{t('editor.levels')}</p>
      <ul class="space-y-2">
        <Index each={levels()}>
          {(level, j) => (
            <li class="grid grid-cols-[1fr_5.5rem_auto] items-start gap-2">
              <TextField
                label={t('editor.levelTitle', { n: j + 1 })}
                value={level().title}
                onValue={(v) => props.setDraft('criteria', props.index, 'levels', j, 'title', v)}
                error={props.err(`${path(j)}.title`)}
                maxLength={200}
              />
              <TextField
                label={t('editor.points')}
                inputMode="decimal"
                value={level().points}
                onValue={(v) => props.setDraft('criteria', props.index, 'levels', j, 'points', v)}
                error={props.err(`${path(j)}.points`)}
              />
              <button
                type="button"
                class="btn-ghost mt-7 size-9 px-0"
                aria-label={t('editor.removeLevel', { n: j + 1 })}
                title={t('editor.removeLevel', { n: j + 1 })}
                disabled={levels().length <= 2}
                onClick={() =>
                  props.setDraft('criteria', props.index, 'levels', (list) => list.filter((_, k) => k !== j))
                }
              >
                <X size={16} aria-hidden="true" />
              </button>
            </li>
          )}
        </Index>
      </ul>
      <Show when={props.err(`criteria.${props.index}.levels`)}>
        {(e) => <p class="mt-1 text-sm text-danger">{e()}</p>}
      </Show>
      <Button
        variant="ghost"
        class="mt-2 min-h-9 px-3 py-1.5 text-sm"
        disabled={levels().length >= ASSIGNMENT_LIMITS.levels}
        onClick={() =>
          props.setDraft('criteria', props.index, 'levels', (list) => [
            ...list,
            { title: '', points: String(list.length + 1) },
          ])
        }
      >
        <Plus size={16} aria-hidden="true" />
        {t('editor.addLevel')}
      </Button>
    </div>
  )
}
