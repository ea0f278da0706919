import { A, createAsync, revalidate, useNavigate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createSignal, For, lazy, Show, Suspense } from 'solid-js'
import type { ClassDetail, ClassPerson } from '../../../../edge/contract/classes.ts'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { TextField } from '../../ui/Field.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { addPeople, deleteClass, removePerson, renameClass } from './api.ts'
import { getClasses } from './Classes.data.ts'
import { getClass } from './ClassPage.data.ts'
import { AddPeople } from './components/AddPeople.tsx'
import { ClassCourses } from './components/ClassCourses.tsx'
import { EnrolClass } from './components/EnrolClass.tsx'
import { PeopleTable } from './components/PeopleTable.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** Pupils' sign-ins without email (features/pupils): loaded only for admins and class teachers. */
const PupilAccounts = lazy(() => import('../pupils/PupilAccounts.tsx'))

/** /t/:slug/classes/:classId — a class's students, class teachers, pending students and enrolment. */
export default function ClassPage() {
  const params = useParams()
  const tenant = useTenant()
  const classId = () => params.classId ?? ''
  return (
    <div class="max-w-5xl space-y-8">
      <A href={`/t/${tenant().slug}/classes`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        {t('class.back')}
      </A>
      <Boundary keys={getClass.keyFor(classId())} fallback={<PageSkeleton rows={4} />}>
        <ClassBody classId={classId()} />
      </Boundary>
    </div>
  )
}

function ClassBody(props: { classId: string }) {
  const klass = createAsync(() => getClass(props.classId))
  usePageTitle(() => (klass() ? t('class.docTitle', { name: klass()?.name ?? '' }) : undefined))
  return <Show when={klass()}>{(k) => <ClassView klass={k()} />}</Show>
}

function ClassView(props: { klass: ClassDetail }) {
  const tenant = useTenant()
  const refresh = () => revalidate([getClass.keyFor(props.klass.id), getClasses.keyFor(tenant().id)])
  const act = async (work: () => Promise<unknown>, done: string) => {
    try {
      await work()
      toast.success(done)
      await refresh()
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  const add = (kind: 'students' | 'teachers') => (p: ClassPerson) =>
    act(() => addPeople(props.klass.id, kind, [p.user_id]), t('class.added', { name: p.display_name }))
  const remove = (kind: 'students' | 'teachers') => (p: ClassPerson) =>
    act(() => removePerson(props.klass.id, kind, p.user_id), t('class.removed', { name: p.display_name }))
  return (
    <>
      <ClassHeading klass={props.klass} onChanged={refresh} />
      <section aria-labelledby="class-students" class="space-y-3">
        <h2 id="class-students" class="text-lg font-semibold">
          {t('class.studentsTitle')} ({props.klass.student_count})
        </h2>
        <PeopleTable
          caption={t('class.studentsTitle')}
          people={props.klass.students}
          empty={t('class.noStudents')}
          onRemove={props.klass.can_manage ? remove('students') : undefined}
        />
        <Show when={props.klass.can_manage}>
          <AddPeople
            tenantId={tenant().id}
            memberRole="student"
            label={t('class.searchStudents')}
            present={props.klass.students}
            onAdd={add('students')}
          />
        </Show>
        <Show when={props.klass.pending.length > 0}>
          <div class="card p-4">
            <h3 class="font-medium">{t('class.pendingTitle')}</h3>
            <p class="mb-2 text-sm text-muted">{t('class.pendingText')}</p>
            <ul class="space-y-1 text-sm">
              <For each={props.klass.pending}>
                {(p) => (
                  <li>
                    {p.display_name} <span class="text-muted">({p.email})</span>
                  </li>
                )}
              </For>
            </ul>
          </div>
        </Show>
      </section>
      <section aria-labelledby="class-teachers" class="space-y-3">
        <h2 id="class-teachers" class="text-lg font-semibold">
          {t('class.teachersTitle')}
        </h2>
        <PeopleTable
          caption={t('class.teachersTitle')}
          people={props.klass.teachers}
          empty={t('class.noTeachers')}
          onRemove={props.klass.can_manage ? remove('teachers') : undefined}
        />
        <Show when={props.klass.can_manage}>
          <AddPeople
            tenantId={tenant().id}
            memberRole="instructor"
            label={t('class.searchTeachers')}
            present={props.klass.teachers}
            onAdd={add('teachers')}
          />
        </Show>
      </section>
      <section aria-labelledby="class-courses" class="space-y-3">
        <h2 id="class-courses" class="text-lg font-semibold">
          {t('class.coursesTitle')}
        </h2>
        <ClassCourses klass={props.klass} />
      </section>
      <Show when={props.klass.can_enrol}>
        <section aria-labelledby="class-enrol" class="card space-y-3 p-5">
          <h2 id="class-enrol" class="text-lg font-semibold">
            {t('class.enrolTitle')}
          </h2>
          <p class="text-sm text-muted">{t('class.enrolText')}</p>
          <EnrolClass tenantId={tenant().id} classId={props.klass.id} onEnrolled={refresh} />
        </section>
      </Show>
      <Show when={props.klass.can_enrol}>
        <Suspense fallback={<PageSkeleton rows={2} />}>
          <PupilAccounts klass={props.klass} onChanged={refresh} />
        </Suspense>
      </Show>
    </>
  )
}

/** The class's name and grade; admins rename and delete it. */
function ClassHeading(props: { klass: ClassDetail; onChanged: () => Promise<unknown> }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const [editing, setEditing] = createSignal(false)
  const [name, setName] = createSignal('')
  const [error, setError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)
  const [deleting, setDeleting] = createSignal(false)
  const save = async (e: SubmitEvent) => {
    e.preventDefault()
    setPending(true)
    try {
      await renameClass(props.klass.id, name())
      toast.success(t('class.renamed'))
      setEditing(false)
      setError()
      await props.onChanged()
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setPending(false)
    }
  }
  return (
    <div class="flex flex-wrap items-start justify-between gap-3">
      <Show
        when={editing()}
        fallback={
          <div>
            <h1 class="text-2xl font-bold tracking-tight">{props.klass.name}</h1>
            <Show when={props.klass.grade_level}>
              <p class="mt-1 text-sm text-muted">
                {t('class.gradeLine', { grade: props.klass.grade_level ?? '' })}
              </p>
            </Show>
          </div>
        }
      >
        <form onSubmit={save} class="flex flex-wrap items-end gap-2" noValidate>
          <TextField
            label={t('classes.nameLabel')}
            value={name()}
            onValue={setName}
            error={error()}
            maxLength={80}
          />
          <Button type="submit" pending={pending()}>
            {t('class.save')}
          </Button>
          <Button variant="ghost" onClick={() => setEditing(false)}>
            {t('class.cancel')}
          </Button>
        </form>
      </Show>
      <Show when={props.klass.can_manage && !editing()}>
        <div class="flex gap-2">
          <Button
            variant="secondary"
            onClick={() => {
              setName(props.klass.name)
              setEditing(true)
            }}
          >
            {t('class.rename')}
          </Button>
          <Button variant="ghost" class="text-danger hover:bg-danger-soft" onClick={() => setDeleting(true)}>
            {t('class.delete')}
          </Button>
        </div>
      </Show>
      <ConfirmDialog
        open={deleting()}
        onOpenChange={setDeleting}
        title={t('class.deleteTitle', { name: props.klass.name })}
        confirmLabel={t('class.delete')}
        danger
        onConfirm={async () => {
          await deleteClass(props.klass.id)
          toast.success(t('class.deleted'))
          await revalidate(getClasses.keyFor(tenant().id))
          navigate(`/t/${tenant().slug}/classes`)
        }}
      >
        {t('class.deleteText')}
      </ConfirmDialog>
    </div>
  )
}
