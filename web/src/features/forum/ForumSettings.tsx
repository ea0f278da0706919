import { A, createAsync, revalidate } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createSignal, Show } from 'solid-js'
import type { ForumSettings as Settings } from '../../../../edge/contract/forum.ts'
import { checked } from '../../lib/forms.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { SwitchField, TextAreaField, TextField } from '../../ui/Field.tsx'
import { FormError } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { getForumSettings, saveForumSettings } from './api.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/settings/forum — the school's forum safety: reports that hide a post, the word lists. */
export default function ForumSettings() {
  const tenant = useTenant()
  usePageTitle(() => t('settings.docTitle', { school: tenant().name }))
  return (
    <div class="max-w-2xl space-y-6">
      <A href={`/t/${tenant().slug}/settings`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} />
        {t('forum.back')}
      </A>
      <div>
        <h1 class="text-2xl font-bold tracking-tight">{t('settings.title')}</h1>
        <p class="mt-1 text-sm text-muted">{t('settings.intro')}</p>
      </div>
      <Boundary keys={getForumSettings.keyFor(tenant().id)} fallback={<PageSkeleton rows={3} />}>
        <SettingsBody tenantId={tenant().id} />
      </Boundary>
    </div>
  )
}

function SettingsBody(props: { tenantId: string }) {
  const settings = createAsync(() => getForumSettings(props.tenantId))
  return <Show when={settings()}>{(s) => <SettingsForm tenantId={props.tenantId} settings={s()} />}</Show>
}

function SettingsForm(props: { tenantId: string; settings: Settings }) {
  const [threshold, setThreshold] = createSignal(String(props.settings.report_threshold))
  const [defaults, setDefaults] = createSignal(props.settings.default_words)
  const [words, setWords] = createSignal(props.settings.blocked_words.join('\n'))
  const [adultAge, setAdultAge] = createSignal(String(props.settings.adult_age))
  const form = createForm({
    fields: ['report_threshold', 'blocked_words', 'adult_age'],
    validate: () => {
      const n = Number(threshold())
      const age = Number(adultAge())
      const body = {
        adult_age: age,
        report_threshold: n,
        default_words: defaults(),
        blocked_words: words()
          .split('\n')
          .map((w) => w.trim())
          .filter(Boolean),
      }
      const bad = !Number.isInteger(n) || n < 1 || n > 20
      const badAge = !Number.isInteger(age) || (age !== 0 && (age < 10 || age > 21))
      return checked(
        {
          ...(bad ? { report_threshold: t('settings.badThreshold') } : {}),
          ...(badAge ? { adult_age: t('settings.badAdultAge') } : {}),
        },
        body,
      )
    },
    submit: async (body) => {
      await saveForumSettings(props.tenantId, body)
      toast.success(t('settings.saved'))
      await revalidate(getForumSettings.keyFor(props.tenantId))
    },
  })
  return (
    <form ref={form.ref} onSubmit={form.onSubmit} noValidate class="card space-y-5 p-5 sm:p-6">
      <fieldset disabled={!props.settings.can_edit} class="space-y-5">
        <TextField
          label={t('settings.threshold')}
          description={t('settings.thresholdHint')}
          type="number"
          inputMode="numeric"
          min={1}
          max={20}
          value={threshold()}
          onValue={setThreshold}
          error={form.errors().report_threshold}
          class="max-w-48"
        />
        <SwitchField label={t('settings.defaults')} checked={defaults()} onChange={setDefaults} />
        <details class="text-sm">
          <summary class="cursor-pointer text-muted">{t('settings.defaultsShow')}</summary>
          <p class="mt-2 text-muted">{props.settings.default_list.join(', ')}</p>
        </details>
        <TextAreaField
          label={t('settings.words')}
          description={t('settings.wordsHint')}
          value={words()}
          onValue={setWords}
          error={form.errors().blocked_words}
          rows={6}
        />
        <TextField
          label={t('settings.adultAge')}
          description={t('settings.adultAgeHint')}
          type="number"
          inputMode="numeric"
          min={0}
          max={21}
          value={adultAge()}
          onValue={setAdultAge}
          error={form.errors().adult_age}
        />
      </fieldset>
      <FormError form={form} />
      <Show
        when={props.settings.can_edit}
        fallback={<p class="text-sm text-muted">{t('settings.readOnly')}</p>}
      >
        <Button type="submit" pending={form.pending()}>
          {t('settings.save')}
        </Button>
      </Show>
    </form>
  )
}
