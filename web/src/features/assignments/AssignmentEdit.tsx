import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import Eye from 'lucide-solid/icons/eye'
import Inbox from 'lucide-solid/icons/inbox'
import Lock from 'lucide-solid/icons/lock'
import Trash from 'lucide-solid/icons/trash'
import { createSignal, createUniqueId, For, lazy, Show, Suspense } from 'solid-js'
import { createStore } from 'solid-js/store'
import { ASSIGNMENT_LIMITS } from '../../../../edge/contract/assessments-values.ts'
import type { Assignment, Rubric } from '../../../../edge/contract/assignments.ts'
import { COURSE_LIMITS } from '../../../../edge/contract/courses-values.ts'
import { getTenant } from '../../api/queries.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { SelectField, SwitchField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { messages as placeMessages } from '../courses/outline/assessment-messages.ts'
import { PlaceFields } from '../courses/outline/PlaceFields.tsx'
import { localZone } from '../tutoring/tutoring-time.ts'
import { getAssignment, getRubrics } from './AssignmentEdit.data.ts'
import { deleteAssignment, getAssignments, updateAssignment } from './api.ts'
import { checkSettings, SETTINGS_FIELDS, type SettingsDraft, settingsDraft } from './assignment-form.ts'
import { messages as groupMessages } from './components/group-messages.ts'
import { formatPoints } from './grade-text.ts'
import { getGroups } from './groups-api.ts'
import { messages } from './teacher-messages.ts'

const t = translator(messages)
const gt = translator(groupMessages)
const pt = translator(placeMessages)
// Managing a group assignment's groups: loaded only for group assignments.
const GroupManager = lazy(() => import('./components/Groups.tsx').then((m) => ({ default: m.GroupManager })))

/**
 * /t/:slug/assignments/:id/edit — the course's editors set an assignment up: title, instructions,
 * due time (on the school's clock) and late policy, how students submit, the rubric or the points it
 * is out of, and whether students see it. Saved with PATCH, only what changed.
 */
export default function AssignmentEdit() {
  const params = useParams()
  const id = () => params.id ?? ''
  return (
    <div class="max-w-3xl">
      <Boundary keys={getAssignment.keyFor(id())} fallback={<Skeleton class="h-96 w-full rounded-xl" />}>
        <Show when={id()} keyed>
          {(assignmentId) => <Loaded id={assignmentId} />}
        </Show>
      </Boundary>
    </div>
  )
}

function Loaded(props: { id: string }) {
  const tenant = useTenant()
  const assignment = createAsync(() => getAssignment(props.id))
  // The form's due time is typed on the school's clock: it starts once the zone is known.
  const zone = createAsync(() =>
    getTenant(tenant().id).then(
      (school) => school.time_zone || localZone(),
      () => localZone(),
    ),
  )
  usePageTitle(() => {
    const title = assignment()?.title
    return title ? t('edit.docTitle', { title }) : undefined
  })
  return (
    <Show when={assignment()}>
      {(a) => {
        const base = () => `/t/${tenant().slug}/assignments/${a().id}`
        return (
          <>
            <A
              href={`/t/${tenant().slug}/courses/${a().course_id}`}
              class="link mb-4 inline-flex items-center gap-1 text-sm"
            >
              <ArrowLeft size={14} aria-hidden="true" />
              {t('nav.backToCourse')}
            </A>
            <div class="mb-6 flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
              <div class="min-w-0">
                <h1 class="text-2xl font-bold tracking-tight break-words">{t('edit.title')}</h1>
                <p class="mt-1 text-sm text-muted">{t('edit.intro')}</p>
              </div>
              <div class="flex shrink-0 flex-wrap gap-2">
                <A href={base()} class="btn-secondary min-h-9 px-3 py-1.5">
                  <Eye size={16} aria-hidden="true" />
                  {t('edit.studentView')}
                </A>
                <A href={`${base()}/submissions`} class="btn-secondary min-h-9 px-3 py-1.5">
                  <Inbox size={16} aria-hidden="true" />
                  {t('nav.submissions')}
                </A>
              </div>
            </div>
            <Show
              when={a().counts !== null}
              fallback={
                <EmptyState icon={<Lock size={28} />} title={t('edit.forbidden')}>
                  {t('edit.forbiddenText')}
                </EmptyState>
              }
            >
              <Show when={zone()} keyed>
                {(z) => <SettingsForm assignment={a()} zone={z} />}
              </Show>
            </Show>
          </>
        )
      }}
    </Show>
  )
}

function SettingsForm(props: { assignment: Assignment; zone: string }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const rubrics = createAsync(() => getRubrics(tenant().id).catch(() => ({ items: [] as Rubric[] })))
  const [draft, setDraft] = createStore<SettingsDraft>(settingsDraft(props.assignment, props.zone))
  const [deleting, setDeleting] = createSignal(false)
  const set =
    <K extends keyof SettingsDraft>(key: K) =>
    (value: SettingsDraft[K]) =>
      setDraft(key, value)
  const a = () => props.assignment
  // Work handed in one way is not turned into the other (the server says so too).
  const locked = () => (a().counts?.submitted ?? 0) > 0

  const form = createForm({
    fields: SETTINGS_FIELDS,
    validate: () =>
      checkSettings(draft, a(), props.zone, {
        title: t('form.titleRequired'),
        tooLong: (max) => t('form.tooLong', { max }),
        date: t('edit.errDate'),
        penalty: t('edit.errPenalty'),
        maxPoints: (max) => t('edit.errMaxPoints', { max }),
        noWay: t('edit.errNoWay'),
        position: pt('place.positionError'),
      }),
    submit: async (body) => {
      if (!body) {
        toast.success(t('edit.nothing'))
        return
      }
      await updateAssignment(a().id, body)
      toast.success(t('edit.saved'))
      await revalidate([
        getAssignment.keyFor(a().id),
        getAssignments.keyFor(a().course_id),
        getRubrics.key,
        getGroups.keyFor(a().id),
      ])
    },
  })

  // The school's rubrics; the chosen one stays offered even when the list cannot be read.
  const rubricOptions = () => {
    const list = rubrics()?.items ?? []
    const chosen = a().rubric
    const all = chosen && !list.some((r) => r.id === chosen.id) ? [chosen, ...list] : list
    return [
      { value: '', label: t('edit.noRubric') },
      ...all.map((r) => ({
        value: r.id,
        label:
          r.kind === 'btec'
            ? t('edit.rubricBtec', { title: r.title })
            : t('edit.rubricPoints', { title: r.title, max: formatPoints(r.max_points) }),
      })),
    ]
  }

  async function remove() {
    await deleteAssignment(a().id)
    toast.success(t('edit.deleted'))
    void revalidate(getAssignments.keyFor(a().course_id))
    navigate(`/t/${tenant().slug}/courses/${a().course_id}`, { replace: true })
  }

  const lateId = createUniqueId()
  return (
    <>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-6 p-5 sm:p-6">
        <TextField
          label={t('form.title')}
          name="title"
          value={draft.title}
          onValue={set('title')}
          error={form.errors().title}
          maxLength={COURSE_LIMITS.title}
          required
        />
        <TextAreaField
          label={t('edit.instructions')}
          name="instructions"
          rows={8}
          value={draft.instructions}
          onValue={set('instructions')}
          error={form.errors().instructions}
          maxLength={ASSIGNMENT_LIMITS.instructions}
          description={t('edit.instructionsHint')}
        />

        <div class="grid gap-4 sm:grid-cols-2">
          <div>
            <TextField
              label={t('edit.due')}
              name="due_at"
              type="datetime-local"
              value={draft.dueAt}
              onValue={set('dueAt')}
              error={form.errors().due_at}
              description={t('edit.dueHint', { zone: props.zone.replaceAll('_', ' ') })}
            />
            <Show when={draft.dueAt}>
              <button type="button" class="link mt-1 text-sm" onClick={() => setDraft('dueAt', '')}>
                {t('edit.clearDue')}
              </button>
            </Show>
          </div>
          <fieldset aria-describedby={`${lateId}-hint`}>
            <legend class="mb-1.5 text-sm font-medium">{t('edit.lateWork')}</legend>
            <div class="space-y-2 text-sm">
              <For each={['accept', 'refuse'] as const}>
                {(policy) => (
                  <label class="flex items-center gap-2">
                    <input
                      type="radio"
                      name="late_policy"
                      value={policy}
                      checked={draft.latePolicy === policy}
                      onChange={() => setDraft('latePolicy', policy)}
                    />
                    {t(`edit.late.${policy}`)}
                  </label>
                )}
              </For>
            </div>
            <Show when={draft.latePolicy === 'accept'}>
              <TextField
                class="mt-3 max-w-40"
                label={t('edit.penalty')}
                name="late_penalty_percent"
                inputMode="numeric"
                value={draft.penalty}
                onValue={set('penalty')}
                error={form.errors().late_penalty_percent}
              />
            </Show>
            <p id={`${lateId}-hint`} class="mt-1.5 text-sm text-muted">
              {draft.dueAt ? t('edit.lateHint') : t('edit.lateNoDue')}
            </p>
          </fieldset>
        </div>

        <fieldset class="space-y-3">
          <legend class="mb-1.5 text-sm font-medium">{t('edit.ways')}</legend>
          <SwitchField
            label={t('edit.allowText')}
            name="allow_text"
            checked={draft.allowText}
            onChange={set('allowText')}
          />
          <SwitchField
            label={t('edit.allowFiles')}
            name="allow_files"
            checked={draft.allowFiles}
            onChange={set('allowFiles')}
            description={t('edit.allowFilesHint', { max: ASSIGNMENT_LIMITS.files })}
          />
          <Show when={form.errors().allow_text ?? form.errors().allow_files}>
            {(error) => <p class="text-sm text-danger">{error()}</p>}
          </Show>
        </fieldset>

        <fieldset class="space-y-3">
          <legend class="mb-1.5 text-sm font-medium">{t('edit.grading')}</legend>
          <SelectField
            label={t('edit.rubric')}
            name="rubric_id"
            value={draft.rubricId}
            onValue={set('rubricId')}
            options={rubricOptions()}
            error={form.errors().rubric_id}
            description={
              <A href={`/t/${tenant().slug}/rubrics`} class="link">
                {t('edit.manageRubrics')}
              </A>
            }
          />
          <Show when={!draft.rubricId}>
            <TextField
              class="max-w-40"
              label={t('edit.maxPoints')}
              name="max_points"
              inputMode="decimal"
              value={draft.maxPoints}
              onValue={set('maxPoints')}
              error={form.errors().max_points}
            />
          </Show>
        </fieldset>

        <fieldset>
          <legend class="mb-1.5 text-sm font-medium">{gt('mode.legend')}</legend>
          <div class="space-y-2 text-sm">
            <For each={['individual', 'group'] as const}>
              {(mode) => (
                <label class="flex items-center gap-2">
                  <input
                    type="radio"
                    name="mode"
                    value={mode}
                    checked={draft.mode === mode}
                    disabled={locked()}
                    onChange={() => setDraft('mode', mode)}
                  />
                  {gt(`mode.${mode}`)}
                </label>
              )}
            </For>
          </div>
          <Show when={locked()}>
            <p class="mt-1.5 text-sm text-muted">{gt('mode.locked')}</p>
          </Show>
          <Show when={form.errors().mode}>
            {(error) => <p class="mt-1.5 text-sm text-danger">{error()}</p>}
          </Show>
        </fieldset>

        <PlaceFields
          courseId={a().course_id}
          moduleId={draft.moduleId}
          position={draft.position}
          onModule={set('moduleId')}
          onPosition={set('position')}
          errors={{ module_id: form.errors().module_id, position: form.errors().position }}
        />

        <SwitchField
          label={t('edit.published')}
          name="published"
          checked={draft.published}
          onChange={set('published')}
          description={draft.published ? t('edit.publishedOn') : t('edit.publishedOff')}
        />
        <Show when={form.errors().published}>{(error) => <p class="text-sm text-danger">{error()}</p>}</Show>

        <FormError form={form} />
        <div class="flex justify-end">
          <Button type="submit" pending={form.pending()}>
            {t('edit.save')}
          </Button>
        </div>
      </form>

      <Show when={a().mode === 'group'}>
        <Suspense>
          <GroupManager assignmentId={a().id} courseId={a().course_id} />
        </Suspense>
      </Show>
      <Show when={a().mode !== 'group' && draft.mode === 'group'}>
        <p class="mt-4 text-sm text-muted">{gt('groups.saveFirst')}</p>
      </Show>

      <section class="mt-6 flex flex-col gap-3 rounded-xl border border-danger/30 p-5 sm:flex-row sm:items-center sm:justify-between">
        <p class="text-sm text-muted">{t('edit.deleteHint')}</p>
        <Button variant="danger" class="shrink-0" onClick={() => setDeleting(true)}>
          <Trash size={16} aria-hidden="true" />
          {t('edit.delete')}
        </Button>
      </section>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('edit.deleteTitle')}
        confirmLabel={t('edit.delete')}
        danger
        onConfirm={remove}
      >
        <p>{t('edit.deleteText', { title: a().title, count: a().counts?.submitted ?? 0 })}</p>
      </ConfirmDialog>
    </>
  )
}
