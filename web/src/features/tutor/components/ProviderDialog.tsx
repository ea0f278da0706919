import { createSignal, For, Show } from 'solid-js'
import type { Provider } from '../../../../../edge/contract/ai.ts'
import {
  AI_LIMITS,
  PROVIDER_KINDS,
  type ProviderKindValue,
  TASK_CLASSES,
  type TaskClassValue,
} from '../../../../../edge/contract/ai-values.ts'
import { type Validated, validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { SelectField, SwitchField, TextField } from '../../../ui/Field.tsx'
import { FormDialog } from '../../../ui/FormDialog.tsx'
import { createForm } from '../../../ui/form.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { createProvider, updateProvider } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

export const kindLabel = (kind: ProviderKindValue) =>
  kind === 'gemini' ? t('providers.kindGemini') : t('providers.kindOpenai')

const CLASS_LABELS = {
  general: () => t('class.general'),
  reasoning: () => t('class.reasoning'),
  creative: () => t('class.creative'),
  research: () => t('class.research'),
} satisfies Record<TaskClassValue, () => string>
export const classLabel = (c: TaskClassValue) => CLASS_LABELS[c]()

const FIELDS = ['kind', 'label', 'base_url', 'api_key', ...TASK_CLASSES.map((c) => `models.${c}`)]

/** Adds a provider, or changes one (its key is never shown: a new one replaces it, empty keeps it). */
export function ProviderDialog(props: {
  provider?: Provider
  onClose: () => void
  onSaved: () => Promise<void>
}) {
  const tenant = useTenant()
  const p = props.provider
  const [kind, setKind] = createSignal<ProviderKindValue>(p?.kind ?? 'gemini')
  const [label, setLabel] = createSignal(p?.label ?? '')
  const [baseUrl, setBaseUrl] = createSignal(p?.base_url ?? '')
  const [key, setKey] = createSignal('')
  const [enabled, setEnabled] = createSignal(p?.enabled ?? true)
  const [models, setModels] = createSignal<Record<TaskClassValue, string>>({
    general: p?.models.general ?? '',
    reasoning: p?.models.reasoning ?? '',
    creative: p?.models.creative ?? '',
    research: p?.models.research ?? '',
  })
  const setModel = (c: TaskClassValue, value: string) => setModels((m) => ({ ...m, [c]: value }))
  const chosenModels = () =>
    Object.fromEntries(TASK_CLASSES.filter((c) => models()[c].trim()).map((c) => [c, models()[c].trim()]))

  const form = createForm({
    fields: FIELDS,
    validate: async (): Promise<Validated<unknown>> => {
      if (kind() === 'openai' && !baseUrl().trim())
        return { ok: false, errors: { base_url: t('providers.baseUrlRequired') } }
      // The schemas load with the first save, not with the settings page.
      const { CreateProviderBody, UpdateProviderBody } = await import('../../../../../edge/contract/ai.ts')
      const base = baseUrl().trim() || undefined
      if (!p) {
        return validate(CreateProviderBody, {
          kind: kind(),
          label: label(),
          base_url: base,
          models: chosenModels(),
          api_key: key(),
          enabled: enabled(),
        })
      }
      const body: Record<string, unknown> = {}
      if (label().trim() !== p.label) body.label = label()
      if ((base ?? null) !== p.base_url) body.base_url = base ?? null
      if (JSON.stringify(chosenModels()) !== JSON.stringify(p.models)) body.models = chosenModels()
      if (key().trim()) body.api_key = key()
      if (Object.keys(body).length === 0) return { ok: true, data: null }
      return validate(UpdateProviderBody, body)
    },
    submit: async (body) => {
      if (body === null) return props.onSaved()
      if (p) await updateProvider(p.id, body as Parameters<typeof updateProvider>[1])
      else await createProvider(tenant().id, body as Parameters<typeof createProvider>[1])
      toast.success(p ? t('providers.saved') : t('providers.added'))
      await props.onSaved()
    },
  })

  const classError = () => TASK_CLASSES.some((c) => c !== 'general' && !!form.errors()[`models.${c}`])
  const modelField = (c: TaskClassValue) => (
    <TextField
      label={c === 'general' ? t('providers.modelGeneral') : classLabel(c)}
      name={`models.${c}`}
      value={models()[c]}
      onValue={(v) => setModel(c, v)}
      maxLength={AI_LIMITS.model}
      autocapitalize="off"
      spellcheck={false}
      error={form.errors()[`models.${c}`]}
      required={c === 'general'}
    />
  )

  return (
    <FormDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={p ? t('providers.editTitle', { label: p.label }) : t('providers.addTitle')}
      submitLabel={p ? t('providers.save') : t('providers.addSubmit')}
      form={form}
    >
      {/* Scrolls inside the dialog, so the buttons stay in view on a phone. */}
      <div class="-mx-1 max-h-[58vh] space-y-4 overflow-y-auto px-1 pb-1">
        <Show when={!p}>
          <SelectField
            label={t('providers.kind')}
            name="kind"
            value={kind()}
            onValue={setKind}
            options={PROVIDER_KINDS.map((k) => ({ value: k, label: kindLabel(k) }))}
            error={form.errors().kind}
          />
        </Show>
        <TextField
          label={t('providers.label')}
          name="label"
          value={label()}
          onValue={setLabel}
          maxLength={AI_LIMITS.label}
          error={form.errors().label}
          description={t('providers.labelHint')}
          required
        />
        <TextField
          label={kind() === 'openai' ? t('providers.baseUrl') : t('providers.baseUrlOptional')}
          name="base_url"
          type="url"
          inputmode="url"
          autocapitalize="off"
          spellcheck={false}
          value={baseUrl()}
          onValue={setBaseUrl}
          maxLength={AI_LIMITS.baseUrl}
          error={form.errors().base_url}
          description={kind() === 'openai' ? t('providers.baseUrlExamples') : t('providers.baseUrlGemini')}
          required={kind() === 'openai'}
        />
        {modelField('general')}
        <details class="rounded-lg border border-line px-3 py-2" open={classError()}>
          <summary class="cursor-pointer text-sm font-medium">{t('providers.moreModels')}</summary>
          <div class="mt-3 space-y-3 pb-1">
            <p class="text-sm text-muted">{t('providers.modelsHint')}</p>
            <For each={TASK_CLASSES.filter((c) => c !== 'general')}>{(c) => modelField(c)}</For>
          </div>
        </details>
        <TextField
          label={t('providers.apiKey')}
          name="api_key"
          type="password"
          autocomplete="off"
          value={key()}
          onValue={setKey}
          maxLength={AI_LIMITS.apiKey}
          error={form.errors().api_key}
          description={p ? t('providers.keepKey', { last4: p.key_last4 }) : t('providers.keyHint')}
          required={!p}
        />
        <Show when={!p}>
          <SwitchField label={t('providers.enabled')} checked={enabled()} onChange={setEnabled} />
        </Show>
      </div>
    </FormDialog>
  )
}
