import Plus from 'lucide-solid/icons/plus'
import Trash from 'lucide-solid/icons/trash'
import { For, Show } from 'solid-js'
import type { SetStoreFunction } from 'solid-js/store'
import { CONTACT_KINDS, type ContactKind, PROFILE_LIMITS } from '../../../../../edge/contract/profiles.ts'
import type { FieldErrors } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { messages } from '../messages.ts'
import type { Draft } from '../profile-draft.ts'

const t = translator(messages)

/** Other contacts (WhatsApp, Telegram, email, website…): up to five, each a kind and a value. */
export function ContactsEditor(props: { draft: Draft; set: SetStoreFunction<Draft>; errors: FieldErrors }) {
  const kinds = () => CONTACT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))
  return (
    <div class="space-y-3">
      <Show when={props.draft.contacts.length === 0}>
        <p class="text-sm text-muted">{t('details.noContacts')}</p>
      </Show>
      <For each={props.draft.contacts}>
        {(contact, i) => (
          <div class="grid grid-cols-1 items-end gap-2 sm:grid-cols-[10rem_minmax(0,1fr)_auto]">
            <SelectField
              label={t('details.contactKind', { n: i() + 1 })}
              value={contact.kind}
              options={kinds()}
              onValue={(v: ContactKind) => props.set('contacts', i(), 'kind', v)}
              error={props.errors[`contacts.${i()}.kind`]}
            />
            <TextField
              label={t('details.contactValue', { n: i() + 1 })}
              value={contact.value}
              maxlength={PROFILE_LIMITS.contactValue}
              onValue={(v) => props.set('contacts', i(), 'value', v)}
              error={props.errors[`contacts.${i()}.value`]}
            />
            <button
              type="button"
              class="btn-ghost min-h-10 px-3 text-danger"
              aria-label={t('details.removeContact', { n: i() + 1 })}
              onClick={() => props.set('contacts', (list) => list.filter((_, j) => j !== i()))}
            >
              <Trash size={16} aria-hidden="true" />
            </button>
          </div>
        )}
      </For>
      <Show when={props.draft.contacts.length < PROFILE_LIMITS.contacts}>
        <button
          type="button"
          class="btn-secondary"
          onClick={() => props.set('contacts', (list) => [...list, { kind: 'whatsapp', value: '' }])}
        >
          <Plus size={16} aria-hidden="true" />
          {t('details.addContact')}
        </button>
      </Show>
    </div>
  )
}
