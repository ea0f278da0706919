import { createAsync, revalidate } from '@solidjs/router'
import { For, type JSX, Show } from 'solid-js'
import { createStore, reconcile, type SetStoreFunction } from 'solid-js/store'
import {
  type MyProfile,
  PROFILE_FIELDS,
  PROFILE_LIMITS,
  type ProfileField,
  UpdateProfileBody,
} from '../../../../edge/contract/profiles.ts'
import { inRoleGroup, TEACHING_ROLES } from '../../../../edge/contract/roles.ts'
import { validate } from '../../lib/forms.ts'
import { locale, translator } from '../../lib/i18n/i18n.ts'
import { LOCALE_NAMES } from '../../lib/i18n/locale.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { getMyProfile, saveMyProfile } from './api.ts'
import { ContactsEditor } from './components/ContactsEditor.tsx'
import { ExperienceEditor, QualificationsEditor } from './components/TeachingEditor.tsx'
import { VisibilitySelect } from './components/VisibilitySelect.tsx'
import { messages } from './messages.ts'
import { COUNTRY_CODES, type Draft, toBody, toDraft } from './profile-draft.ts'

const t = translator(messages)

/** The account page's profile details: each field with who sees it, and a teacher's credentials. */
export default function ProfileDetails() {
  return (
    <Boundary keys={getMyProfile.key} fallback={<PageSkeleton rows={3} />}>
      <Loaded />
    </Boundary>
  )
}

function Loaded() {
  const profile = createAsync(() => getMyProfile())
  return <Show when={profile()}>{(p) => <DetailsForm profile={p()} />}</Show>
}

function DetailsForm(props: { profile: MyProfile }) {
  const { tenant } = useApp()
  const [draft, set] = createStore<Draft>(toDraft(props.profile))
  const locked = () => props.profile.student_private
  const teacher = () =>
    tenant.memberships().some((m) => inRoleGroup(TEACHING_ROLES, m.role)) ||
    props.profile.headline !== null ||
    props.profile.qualifications.length > 0 ||
    props.profile.experience.length > 0

  const form = createForm({
    get fields() {
      return ['phone', 'county', 'city', 'country', 'bio', 'time_zone', 'headline', ...dynamicFields(draft)]
    },
    validate: () => validate(UpdateProfileBody, toBody(draft, !locked())),
    submit: async (body) => {
      const saved = await saveMyProfile(body)
      set(reconcile(toDraft(saved)))
      await revalidate(getMyProfile.key)
      toast.success(t('details.saved'))
    },
  })

  const countries = () => {
    const names = new Intl.DisplayNames([locale()], { type: 'region' })
    const codes = [...COUNTRY_CODES] as string[]
    if (draft.country && !codes.includes(draft.country)) codes.push(draft.country)
    return [
      { value: '', label: t('details.noCountry') },
      ...codes.map((c) => ({ value: c, label: names.of(c) ?? c })),
    ]
  }
  const zones = () => {
    const list = Intl.supportedValuesOf('timeZone')
    if (draft.time_zone && !list.includes(draft.time_zone)) list.push(draft.time_zone)
    return [{ value: '', label: t('details.noTimeZone') }, ...list.map((z) => ({ value: z, label: z }))]
  }
  const err = form.errors

  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="space-y-5" data-testid="profile-details">
      <Show when={locked()}>
        <p class="rounded-lg bg-subtle p-3 text-sm">{t('details.studentNote')}</p>
      </Show>
      <Row field="phone" label={t('details.phone')} draft={draft} set={set} locked={locked()}>
        <TextField
          label={t('details.phone')}
          name="phone"
          type="tel"
          autocomplete="tel"
          value={draft.phone}
          onValue={(v) => set('phone', v)}
          description={t('details.phoneHint')}
          error={err().phone}
        />
      </Row>
      <Row field="contacts" label={t('details.contacts')} draft={draft} set={set} locked={locked()}>
        <fieldset>
          <legend class="mb-1.5 text-sm font-medium">{t('details.contacts')}</legend>
          <ContactsEditor draft={draft} set={set} errors={err()} />
        </fieldset>
      </Row>
      <div class="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <Row field="county" label={t('details.county')} draft={draft} set={set} locked={locked()}>
          <TextField
            label={t('details.county')}
            value={draft.county}
            maxlength={PROFILE_LIMITS.place}
            onValue={(v) => set('county', v)}
            error={err().county}
          />
        </Row>
        <Row field="city" label={t('details.city')} draft={draft} set={set} locked={locked()}>
          <TextField
            label={t('details.city')}
            autocomplete="address-level2"
            value={draft.city}
            maxlength={PROFILE_LIMITS.place}
            onValue={(v) => set('city', v)}
            error={err().city}
          />
        </Row>
        <Row field="country" label={t('details.country')} draft={draft} set={set} locked={locked()}>
          <SelectField
            label={t('details.country')}
            value={draft.country}
            options={countries()}
            onValue={(v) => set('country', v)}
            error={err().country}
          />
        </Row>
        <Row field="time_zone" label={t('details.timeZone')} draft={draft} set={set} locked={locked()}>
          <SelectField
            label={t('details.timeZone')}
            value={draft.time_zone}
            options={zones()}
            onValue={(v) => set('time_zone', v)}
            error={err().time_zone}
          />
        </Row>
      </div>
      <Row field="bio" label={t('details.bio')} draft={draft} set={set} locked={locked()}>
        <TextAreaField
          label={t('details.bio')}
          value={draft.bio}
          maxlength={PROFILE_LIMITS.bio}
          onValue={(v) => set('bio', v)}
          error={err().bio}
        />
      </Row>
      <Row field="language" label={t('details.language')} draft={draft} set={set} locked={locked()}>
        <p class="text-sm">
          <span class="font-medium">{t('details.language')}: </span>
          {t('details.languageText', { language: LOCALE_NAMES[locale()] })}
        </p>
      </Row>
      <Show when={teacher()}>
        <section class="space-y-4 border-t border-line pt-5" aria-labelledby="teaching-profile">
          <div>
            <h3 id="teaching-profile" class="font-semibold">
              {t('teaching.title')}
            </h3>
            <p class="mt-1 text-sm text-muted">{t('teaching.text')}</p>
          </div>
          <Row field="headline" label={t('teaching.headline')} draft={draft} set={set} locked={locked()}>
            <TextField
              label={t('teaching.headline')}
              value={draft.headline}
              maxlength={PROFILE_LIMITS.headline}
              placeholder={t('teaching.headlineHint')}
              onValue={(v) => set('headline', v)}
              error={err().headline}
            />
          </Row>
          <Row
            field="qualifications"
            label={t('teaching.qualifications')}
            draft={draft}
            set={set}
            locked={locked()}
          >
            <QualificationsEditor draft={draft} set={set} errors={err()} />
          </Row>
          <Row field="experience" label={t('teaching.experience')} draft={draft} set={set} locked={locked()}>
            <ExperienceEditor draft={draft} set={set} errors={err()} />
          </Row>
        </section>
      </Show>
      <For each={visibilityErrors(err())}>{(message) => <p class="text-sm text-danger">{message}</p>}</For>
      <FormError form={form} />
      <div class="flex justify-end">
        <Button type="submit" pending={form.pending()}>
          {t('details.save')}
        </Button>
      </div>
    </form>
  )
}

/** A field with its "who sees it" choice under it. */
function Row(p: {
  field: ProfileField
  label: string
  draft: Draft
  set: SetStoreFunction<Draft>
  locked: boolean
  children: JSX.Element
}) {
  return (
    <div class="space-y-1.5">
      {p.children}
      <div class="flex justify-end">
        <VisibilitySelect
          field={p.label}
          value={p.draft.visibility[p.field]}
          locked={p.locked}
          onValue={(v) => p.set('visibility', p.field, v)}
        />
      </div>
    </div>
  )
}

/** The paths of the list fields the form shows (contacts.0.value …) and the visibility choices. */
function dynamicFields(d: Draft): string[] {
  const items = <T extends object>(name: string, list: T[]) =>
    list.flatMap((item, i) => Object.keys(item).map((k) => `${name}.${i}.${k}`))
  return [
    ...items('contacts', d.contacts),
    ...items('qualifications', d.qualifications),
    ...items('experience', d.experience),
    ...PROFILE_FIELDS.map((f) => `visibility.${f}`),
  ]
}

/** A refused visibility choice (a student's) shown above the button: the choices have no error slot. */
const visibilityErrors = (errors: Record<string, string>) => [
  ...new Set(Object.entries(errors).flatMap(([k, v]) => (k.startsWith('visibility.') ? [v] : []))),
]
