import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import type { CourseCompletionRules } from '../../../../../edge/contract/certificates.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Boundary } from '../../../ui/Boundary.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SwitchField, TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getCompletionRules, getProgress, putCompletionRules } from '../api.ts'
import { checkRules } from '../forms.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** What completing the course takes: a form for its editors, the rules in words for its other teachers. */
export function RulesCard(props: { courseId: string }) {
  return (
    <section aria-labelledby="rules-heading" class="card p-5 sm:p-6">
      <h2 id="rules-heading" class="text-lg font-semibold">
        {t('rules.title')}
      </h2>
      <Boundary
        keys={getCompletionRules.keyFor(props.courseId)}
        fallback={<Skeleton class="mt-4 h-24 w-full" />}
      >
        <Rules courseId={props.courseId} />
      </Boundary>
    </section>
  )
}

function Rules(props: { courseId: string }) {
  const rules = createAsync(() => getCompletionRules(props.courseId))
  return (
    <Show when={rules()}>
      {(r) => (
        <Show when={r().can_edit} fallback={<RulesInWords rules={r()} />}>
          <RulesForm rules={r()} />
        </Show>
      )}
    </Show>
  )
}

function RulesInWords(props: { rules: CourseCompletionRules }) {
  return (
    <div class="mt-2 space-y-1 text-sm">
      <p>{t('rules.summary', { percent: props.rules.pass_percent })}</p>
      <p>{props.rules.require_all_lessons ? t('rules.summaryLessons') : t('rules.summaryNoLessons')}</p>
      <p>
        {props.rules.issue_certificates ? t('rules.summaryCertificates') : t('rules.summaryNoCertificates')}
      </p>
      <p class="pt-1 text-muted">{t('rules.readOnly')}</p>
    </div>
  )
}

function RulesForm(props: { rules: CourseCompletionRules }) {
  const [pass, setPass] = createSignal(String(props.rules.pass_percent))
  const [lessons, setLessons] = createSignal(props.rules.require_all_lessons)
  const [certificates, setCertificates] = createSignal(props.rules.issue_certificates)
  const form = createForm({
    fields: ['pass_percent'],
    validate: () =>
      checkRules(
        { pass_percent: pass(), require_all_lessons: lessons(), issue_certificates: certificates() },
        t('rules.passPercentInvalid'),
      ),
    submit: async (body) => {
      await putCompletionRules(props.rules.course_id, body)
      toast.success(t('rules.saved'))
      await revalidate([
        getCompletionRules.keyFor(props.rules.course_id),
        getProgress.keyFor(props.rules.course_id),
      ])
    },
  })
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="mt-4 space-y-5">
      <TextField
        label={t('rules.passPercent')}
        description={t('rules.passPercentHint')}
        name="pass_percent"
        inputmode="numeric"
        value={pass()}
        onValue={setPass}
        error={form.errors().pass_percent}
        class="max-w-md"
      />
      <SwitchField
        label={t('rules.lessons')}
        description={t('rules.lessonsHint')}
        checked={lessons()}
        onChange={setLessons}
      />
      <SwitchField
        label={t('rules.certificates')}
        description={t('rules.certificatesHint')}
        checked={certificates()}
        onChange={setCertificates}
      />
      <FormError form={form} />
      <Button type="submit" pending={form.pending()}>
        {t('rules.save')}
      </Button>
    </form>
  )
}
