import { A, revalidate } from '@solidjs/router'
import Trash2 from 'lucide-solid/icons/trash'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import {
  CreateHolidayBody,
  type Holiday,
  PutCalendarBody,
  type SupportCalendar,
} from '../../../../../edge/contract/support.ts'
import { SUPPORT_LIMITS } from '../../../../../edge/contract/support-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDate } from '../../../lib/format.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { EmptyState } from '../../../ui/EmptyState.tsx'
import { TextField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { addHoliday, getSlaSettings, putCalendar, removeHoliday } from '../api.ts'
import { messages } from '../messages.ts'
import { weekdayName } from '../support-sla.ts'

const t = translator(messages)

/** ISO weekdays, Monday first (their names come from Intl in the reader's language). */
const DAYS = [1, 2, 3, 4, 5, 6, 7] as const

/** The school's support hours: working days and daily hours, in the school's time zone. */
export function CalendarForm(props: { calendar: SupportCalendar; canEdit: boolean }) {
  const tenant = useTenant()
  const id = createUniqueId()
  const [days, setDays] = createSignal<number[]>([...props.calendar.work_days])
  const [start, setStart] = createSignal(props.calendar.day_start.slice(0, 5))
  const [end, setEnd] = createSignal(props.calendar.day_end.slice(0, 5))

  const form = createForm({
    fields: ['work_days', 'day_start', 'day_end'],
    validate: () =>
      validate(PutCalendarBody, { work_days: [...days()].sort(), day_start: start(), day_end: end() }),
    submit: async (body) => {
      await putCalendar(tenant().id, body)
      toast.success(t('hours.saved'), t('hours.savedText'))
      await revalidate(getSlaSettings.keyFor(tenant().id))
    },
  })
  const errors = form.errors

  return (
    <form ref={form.ref} class="card space-y-4 p-4 sm:p-5" onSubmit={form.onSubmit} noValidate>
      <fieldset
        aria-describedby={errors().work_days ? `${id}-days-err` : undefined}
        disabled={!props.canEdit}
      >
        <legend class="mb-2 text-sm font-medium">{t('hours.workingDays')}</legend>
        <div class="flex flex-wrap gap-2">
          <For each={DAYS}>
            {(n) => (
              <label class="flex min-h-10 cursor-pointer items-center gap-2 rounded-lg border border-line px-3 text-sm has-[:checked]:border-primary has-[:checked]:bg-primary/5 has-[:disabled]:cursor-default">
                <input
                  type="checkbox"
                  class="accent-primary"
                  checked={days().includes(n)}
                  aria-label={weekdayName(n, 'long')}
                  onChange={(e) =>
                    setDays((d) => (e.currentTarget.checked ? [...d, n] : d.filter((x) => x !== n)))
                  }
                />
                <span aria-hidden="true">{weekdayName(n, 'short')}</span>
              </label>
            )}
          </For>
        </div>
        <Show when={errors().work_days}>
          <p id={`${id}-days-err`} class="mt-1.5 text-sm text-danger">
            {errors().work_days}
          </p>
        </Show>
      </fieldset>
      <div class="grid max-w-md grid-cols-2 gap-3">
        <TextField
          label={t('hours.dayStarts')}
          type="time"
          value={start()}
          onValue={setStart}
          error={errors().day_start}
          disabled={!props.canEdit}
        />
        <TextField
          label={t('hours.dayEnds')}
          type="time"
          value={end()}
          onValue={setEnd}
          error={errors().day_end}
          disabled={!props.canEdit}
        />
      </div>
      <p class="text-sm text-muted">
        {t('hours.timesIn')}{' '}
        <span class="font-medium text-fg">{props.calendar.time_zone.replaceAll('_', ' ')}</span>
        <Show when={isAdminRole(tenant().role)}>
          {' '}
          ({t('hours.changeIn')}{' '}
          <A href={`/t/${tenant().slug}/settings`} class="link">
            {t('hours.schoolSettings')}
          </A>
          )
        </Show>
        . {t('hours.clocksRun')}
        <Show when={props.calendar.is_default}> {t('hours.builtIn')}</Show>
      </p>
      <FormError form={form} />
      <Show when={props.canEdit}>
        <Button type="submit" pending={form.pending()}>
          {t('hours.save')}
        </Button>
      </Show>
    </form>
  )
}

/** Days the SLA clocks stand still; admins add and remove them. */
export function Holidays(props: { holidays: Holiday[]; canEdit: boolean }) {
  const tenant = useTenant()
  const [day, setDay] = createSignal('')
  const [name, setName] = createSignal('')
  const [removing, setRemoving] = createSignal<string>()
  const sorted = () => [...props.holidays].sort((a, b) => a.day.localeCompare(b.day))

  const form = createForm({
    fields: ['day', 'name'],
    validate: () => validate(CreateHolidayBody, { day: day(), name: name() }),
    submit: async (body) => {
      await addHoliday(tenant().id, body.day, body.name)
      setDay('')
      setName('')
      await revalidate(getSlaSettings.keyFor(tenant().id))
    },
  })
  const errors = form.errors

  async function remove(h: Holiday) {
    setRemoving(h.day)
    try {
      await removeHoliday(tenant().id, h.day)
      await revalidate(getSlaSettings.keyFor(tenant().id))
    } catch (err) {
      toast.error(t('holidays.removeFailed', { name: h.name }), errorMessage(err))
    } finally {
      setRemoving()
    }
  }

  return (
    <div class="card p-4 sm:p-5">
      <Show when={sorted().length > 0} fallback={<EmptyState title={t('holidays.empty')} />}>
        <ul class="divide-y divide-line">
          <For each={sorted()}>
            {(h) => (
              <li class="flex items-center justify-between gap-3 py-2.5 text-sm">
                <span class="min-w-0">
                  <span class="font-medium">{h.name}</span>
                  <span class="ml-2 text-muted">
                    <time datetime={h.day}>{formatDate(`${h.day}T12:00:00`)}</time>
                  </span>
                </span>
                <Show when={props.canEdit}>
                  <Button
                    variant="ghost"
                    class="min-h-9 px-2 text-danger"
                    pending={removing() === h.day}
                    aria-label={t('holidays.remove', { name: h.name })}
                    onClick={() => remove(h)}
                  >
                    <Trash2 size={16} aria-hidden="true" />
                  </Button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.canEdit}>
        <form
          class="mt-4 grid gap-3 border-t border-line pt-4 sm:grid-cols-[10rem_1fr_auto] sm:items-start"
          ref={form.ref}
          onSubmit={form.onSubmit}
          noValidate
        >
          <TextField
            label={t('holidays.date')}
            type="date"
            value={day()}
            onValue={setDay}
            error={errors().day}
          />
          <TextField
            label={t('holidays.name')}
            value={name()}
            onValue={setName}
            error={errors().name}
            maxLength={SUPPORT_LIMITS.holidayName}
            placeholder={t('holidays.namePlaceholder')}
          />
          <Button type="submit" variant="secondary" class="sm:mt-6.5" pending={form.pending()}>
            {t('holidays.add')}
          </Button>
          <FormError form={form} class="sm:col-span-3" />
        </form>
      </Show>
    </div>
  )
}
