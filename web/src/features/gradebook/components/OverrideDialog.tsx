import { createEffect, createSignal, on, Show } from 'solid-js'
import type { Gradebook } from '../../../../../edge/contract/gradebook.ts'
import { formatDate } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField, TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { messages as uiMessages } from '../../../ui/messages.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { saveOverride } from '../api.ts'
import { type CellTarget, targetFacts } from '../grades.ts'
import { checkOverride, percentDefault, REASON_MAX } from '../override-form.ts'
import { pointsText, resultText, t } from '../words.ts'
import { DialogShell } from './DialogShell.tsx'

const ui = translator(uiMessages)

/**
 * Sets or removes a student's override of one result or of the course total, always with a
 * reason (PUT /courses/{id}/gradebook/overrides). The answer is the whole gradebook, handed to
 * `onSaved`.
 */
export function OverrideDialog(props: {
  gradebook: Gradebook
  target: CellTarget | undefined
  onClose: () => void
  onSaved: (gradebook: Gradebook) => void
}) {
  const facts = () => (props.target ? targetFacts(props.gradebook, props.target) : undefined)
  const [percent, setPercent] = createSignal('')
  const [reason, setReason] = createSignal('')
  let removing = false

  const form = createForm({
    fields: ['percent', 'reason'],
    validate: () =>
      checkOverride(
        {
          userId: props.target?.userId ?? '',
          item: props.target?.item ?? '',
          percent: percent(),
          reason: reason(),
          remove: removing,
        },
        {
          percentInvalid: t('override.percentInvalid'),
          percentRange: t('override.percentRange'),
          reasonRequired: t('override.reasonRequired'),
          reasonLong: t('override.reasonLong', { max: REASON_MAX }),
        },
      ),
    submit: async (body) => {
      const next = await saveOverride(props.gradebook.course_id, body)
      toast.success(body.percent === null ? t('override.removed') : t('override.saved'))
      props.onSaved(next)
    },
  })

  // A new target: its override (if any) filled in, the last dialog's errors gone.
  createEffect(
    on(
      () => props.target,
      () => {
        const f = facts()
        setPercent(percentDefault(f?.override?.percent))
        setReason(f?.override?.reason ?? '')
        form.clear()
      },
    ),
  )

  const run = async (remove: boolean, event?: SubmitEvent) => {
    removing = remove
    if (await form.onSubmit(event)) props.onClose()
  }

  const title = () => (props.target?.item === 'total' ? t('override.totalTitle') : t('override.title'))
  return (
    <DialogShell
      open={props.target !== undefined}
      onOpenChange={(open) => !open && props.onClose()}
      title={title()}
      description={
        <Show when={facts()}>
          {(f) => (
            <p class="font-medium text-fg">
              {t('override.target', {
                student: f().row.student_name,
                item: f().item?.title ?? t('override.totalItem'),
              })}
            </p>
          )}
        </Show>
      }
    >
      <Show when={facts()} fallback={<FormAlert>{t('override.gone')}</FormAlert>}>
        {(f) => (
          <form ref={form.ref} onSubmit={(e) => run(false, e)} noValidate class="space-y-4">
            <div class="space-y-1 rounded-lg bg-subtle px-4 py-3 text-sm">
              <p>{t('override.now', { result: resultText(f().view) })}</p>
              <Show when={f().cell?.points != null && f().cell?.max_points != null}>
                <p class="text-muted">
                  {t('override.from', {
                    points: pointsText(f().cell?.points ?? 0),
                    max: pointsText(f().cell?.max_points ?? 0),
                  })}
                </p>
              </Show>
              <Show when={f().override}>
                {(o) => (
                  <p class="text-muted">
                    {t('override.current', { date: formatDate(o().set_at), reason: o().reason })}
                  </p>
                )}
              </Show>
            </div>
            <TextField
              label={t('override.percent')}
              value={percent()}
              onValue={setPercent}
              inputMode="decimal"
              autocomplete="off"
              error={form.errors().percent}
              description={
                props.target?.item === 'total' ? t('override.totalHint') : t('override.percentHint')
              }
            />
            <TextAreaField
              label={t('override.reason')}
              value={reason()}
              onValue={setReason}
              maxLength={REASON_MAX}
              error={form.errors().reason}
              description={t('override.reasonHint')}
            />
            <FormError form={form} />
            <div class="flex flex-col-reverse gap-3 pt-2 sm:flex-row sm:flex-wrap sm:justify-end">
              <Show when={f().override}>
                <Button
                  variant="danger"
                  class="sm:mr-auto"
                  disabled={form.pending()}
                  onClick={() => run(true)}
                >
                  {t('override.remove')}
                </Button>
              </Show>
              <Button variant="secondary" onClick={() => props.onClose()}>
                {ui('cancel')}
              </Button>
              <Button type="submit" pending={form.pending()}>
                {t('override.save')}
              </Button>
            </div>
          </form>
        )}
      </Show>
    </DialogShell>
  )
}
