import { A, createAsync, revalidate, useNavigate } from '@solidjs/router'
import School from 'lucide-solid/icons/school'
import { createSignal, For, Show } from 'solid-js'
import type { ClassSummary } from '../../../../edge/contract/classes.ts'
import { validate } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { createClass } from './api.ts'
import { getClasses } from './Classes.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/classes — the school's classes; owners and admins create them. */
export default function Classes() {
  const tenant = useTenant()
  usePageTitle(() => t('classes.docTitle', { school: tenant().name }))
  const admin = () => isAdminRole(tenant().role)
  const student = () => tenant().role === 'student' || tenant().role === 'parent'
  return (
    <div class="max-w-5xl space-y-8">
      <div>
        <h1 class="text-2xl font-bold tracking-tight">{t('classes.title')}</h1>
        <p class="mt-1 text-sm text-muted">{student() ? t('classes.introStudent') : t('classes.intro')}</p>
      </div>
      <Show when={admin()}>
        <CreateClass tenantId={tenant().id} />
      </Show>
      <Boundary keys={getClasses.keyFor(tenant().id)} fallback={<ListSkeleton rows={3} />}>
        <ClassTable tenantId={tenant().id} slug={tenant().slug} student={student()} />
      </Boundary>
    </div>
  )
}

function CreateClass(props: { tenantId: string }) {
  const navigate = useNavigate()
  const tenant = useTenant()
  const [name, setName] = createSignal('')
  const [grade, setGrade] = createSignal('')
  const form = createForm({
    fields: ['name', 'grade_level'],
    validate: async () => {
      const { CreateClassBody } = await import('../../../../edge/contract/classes.ts')
      return validate(CreateClassBody, { name: name(), grade_level: grade() || undefined })
    },
    submit: async (body) => {
      const made = await createClass(props.tenantId, body)
      toast.success(t('classes.created'), made.name)
      await revalidate(getClasses.keyFor(props.tenantId))
      navigate(`/t/${tenant().slug}/classes/${made.id}`)
    },
  })
  return (
    <section aria-labelledby="new-class-heading" class="card p-5">
      <h2 id="new-class-heading" class="mb-3 text-lg font-semibold">
        {t('classes.createTitle')}
      </h2>
      <form
        ref={form.ref}
        onSubmit={form.onSubmit}
        noValidate
        class="grid grid-cols-1 gap-4 sm:grid-cols-[minmax(0,1fr)_10rem_auto] sm:items-end"
      >
        <TextField
          label={t('classes.nameLabel')}
          name="name"
          placeholder={t('classes.namePlaceholder')}
          value={name()}
          onValue={setName}
          error={form.errors().name}
          maxLength={80}
          required
        />
        <TextField
          label={t('classes.gradeLabel')}
          name="grade_level"
          value={grade()}
          onValue={setGrade}
          error={form.errors().grade_level}
          maxLength={40}
        />
        <Button type="submit" pending={form.pending()}>
          {t('classes.create')}
        </Button>
      </form>
      <FormError form={form} class="mt-3" />
    </section>
  )
}

function ClassTable(props: { tenantId: string; slug: string; student: boolean }) {
  const classes = createAsync(() => getClasses(props.tenantId))
  return (
    <Show when={classes()}>
      {(list) => (
        <Show
          when={list().length > 0}
          fallback={
            <EmptyState
              icon={<School size={28} />}
              title={props.student ? t('classes.noneStudent') : t('classes.none')}
            >
              <Show when={!props.student}>{t('classes.noneText')}</Show>
            </EmptyState>
          }
        >
          <div class="card overflow-x-auto">
            <table class="w-full text-left text-sm">
              <caption class="sr-only">{t('classes.list')}</caption>
              <thead class="border-b border-line text-muted">
                <tr>
                  <th scope="col" class="px-4 py-2 font-medium">
                    {t('classes.name')}
                  </th>
                  <th scope="col" class="px-4 py-2 font-medium">
                    {t('classes.grade')}
                  </th>
                  <th scope="col" class="px-4 py-2 font-medium">
                    {t('classes.students')}
                  </th>
                  <th scope="col" class="px-4 py-2 font-medium">
                    {t('classes.teachers')}
                  </th>
                </tr>
              </thead>
              <tbody>
                <For each={list()}>{(c) => <ClassRow klass={c} slug={props.slug} />}</For>
              </tbody>
            </table>
          </div>
        </Show>
      )}
    </Show>
  )
}

function ClassRow(props: { klass: ClassSummary; slug: string }) {
  return (
    <tr class="border-b border-line last:border-0">
      <th scope="row" class="px-4 py-2 font-medium">
        <A href={`/t/${props.slug}/classes/${props.klass.id}`} class="link">
          {props.klass.name}
        </A>
      </th>
      <td class="px-4 py-2">{props.klass.grade_level ?? '—'}</td>
      <td class="px-4 py-2">
        {props.klass.student_count}
        <Show when={props.klass.pending_count > 0}>
          <span class="ml-1 text-muted">{t('classes.pending', { count: props.klass.pending_count })}</span>
        </Show>
      </td>
      <td class="px-4 py-2">
        {props.klass.teacher_names.length ? props.klass.teacher_names.join(', ') : t('classes.noTeachers')}
      </td>
    </tr>
  )
}
