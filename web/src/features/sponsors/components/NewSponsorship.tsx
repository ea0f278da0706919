import { createAsync, revalidate, useNavigate } from '@solidjs/router'
import { createSignal, Show, Suspense } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { formatMinor } from '../../payments/money.ts'
import {
  createSponsorship,
  getPartners,
  getSponsorCoursePrice,
  getSponsorCourses,
  getSponsorships,
} from '../api.ts'
import { messages } from '../messages.ts'
import { type Chosen, checkSponsorship, totalMinor } from '../sponsorship-form.ts'
import { StudentPicker } from './StudentPicker.tsx'

const t = translator(messages)

/**
 * "New sponsorship" (owners, admins): the partner who pays, the organisation's name, a priced
 * course (its price a seat and the total shown), the students. Opens the new sponsorship's page.
 */
export function NewSponsorship(props: { tenantId: string; onClose: () => void }) {
  const tenant = useTenant()
  const navigate = useNavigate()
  const partners = createAsync(() => getPartners(props.tenantId))
  const courses = createAsync(() => getSponsorCourses(props.tenantId))
  const [sponsorId, setSponsorId] = createSignal('')
  const [organisation, setOrganisation] = createSignal('')
  const [courseId, setCourseId] = createSignal('')
  const [chosen, setChosen] = createSignal<Chosen[]>([])
  const price = createAsync(async () =>
    courseId() ? (await getSponsorCoursePrice(courseId())).price : undefined,
  )

  const partnerOptions = () => [
    { value: '', label: t('form.partnerChoose') },
    ...(partners()?.members ?? []).map((m) => ({ value: m.user_id, label: m.display_name })),
  ]
  const courseOptions = () => [
    { value: '', label: t('form.courseChoose') },
    ...(courses() ?? []).map((c) => ({ value: c.id, label: c.title })),
  ]

  const form = createForm({
    fields: ['sponsor_id', 'organisation', 'course_id', 'student_ids'],
    validate: () =>
      checkSponsorship(
        {
          sponsorId: sponsorId(),
          organisation: organisation(),
          courseId: courseId(),
          chosen: chosen(),
          priced: !!price(),
        },
        {
          partnerRequired: t('form.partnerRequired'),
          organisationRequired: t('form.organisationRequired'),
          organisationLong: t('form.organisationLong'),
          courseRequired: t('form.courseRequired'),
          free: t('form.free'),
          studentsRequired: t('form.studentsRequired'),
          tooMany: t('form.tooMany', { max: 1000 }),
        },
      ),
    submit: async (body) => {
      const created = await createSponsorship(props.tenantId, body)
      const partner = partnerOptions().find((o) => o.value === body.sponsor_id)?.label ?? ''
      toast.success(t('form.created', { name: partner }))
      void revalidate(getSponsorships.keyFor(props.tenantId))
      navigate(`/t/${tenant().slug}/sponsorships/${created.id}`)
    },
  })

  return (
    <section aria-labelledby="new-sponsorship" class="card p-5 sm:p-6">
      <h2 id="new-sponsorship" class="text-lg font-semibold">
        {t('form.title')}
      </h2>
      <p class="mt-1 text-sm text-muted">{t('form.text')}</p>
      <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="mt-5 space-y-5">
        <Suspense>
          <Show when={partners() && partners()?.members.length === 0}>
            <FormAlert tone="info">{t('form.partnerNone')}</FormAlert>
          </Show>
        </Suspense>
        <div class="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t('form.partner')}
            name="sponsor_id"
            value={sponsorId()}
            onValue={setSponsorId}
            options={partnerOptions()}
            error={form.errors().sponsor_id}
            required
          />
          <TextField
            label={t('form.organisation')}
            name="organisation"
            value={organisation()}
            onValue={setOrganisation}
            description={t('form.organisationHint')}
            error={form.errors().organisation}
            maxLength={200}
            required
          />
        </div>
        <SelectField
          label={t('form.course')}
          name="course_id"
          value={courseId()}
          onValue={setCourseId}
          options={courseOptions()}
          error={form.errors().course_id}
          description={
            <Suspense>
              <Show when={courseId() && price() !== undefined}>
                <Show when={price()} fallback={t('form.free')}>
                  {(p) => t('form.price', { price: formatMinor(p().amount_minor, p().currency) })}
                </Show>
              </Show>
            </Suspense>
          }
          required
        />
        <StudentPicker
          tenantId={props.tenantId}
          chosen={chosen()}
          onChange={setChosen}
          error={form.errors().student_ids}
        />
        <Suspense>
          <Show when={price() && chosen().length > 0 ? price() : undefined}>
            {(p) => (
              <p class="font-semibold" aria-live="polite">
                {t('form.total', {
                  total: formatMinor(totalMinor(p().amount_minor, chosen().length), p().currency),
                  count: chosen().length,
                })}
              </p>
            )}
          </Show>
        </Suspense>
        <FormError form={form} />
        <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Button variant="secondary" type="button" onClick={props.onClose}>
            {t('form.cancel')}
          </Button>
          <Button type="submit" pending={form.pending()}>
            {t('form.submit')}
          </Button>
        </div>
      </form>
    </section>
  )
}
