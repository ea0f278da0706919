import { createAsync } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import {
  NOTIFICATION_DEFAULTS,
  type NotificationKindValue,
} from '../../../../../edge/contract/notification-values.ts'
import type { NotificationSetting } from '../../../../../edge/contract/support.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { Boundary } from '../../../ui/Boundary.tsx'
import { SwitchField } from '../../../ui/Field.tsx'
import { Skeleton } from '../../../ui/Skeleton.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { getNotificationSettings, saveNotificationSetting } from '../api.ts'
import { messages } from '../messages.ts'
import { kindsFor } from '../notification-kinds.ts'

const t = translator(messages)

/**
 * Per kind of notification (only the kinds this person's roles can receive): in the app's bell,
 * by email, both or neither. Each switch saves at once.
 */
export function NotificationSettingsForm() {
  return (
    <Boundary keys={getNotificationSettings.key} fallback={<Skeleton class="h-40 w-full" />}>
      <Settings />
    </Boundary>
  )
}

function Settings() {
  const { tenant } = useApp()
  const loaded = createAsync(() => getNotificationSettings())
  const [changed, setChanged] = createSignal<Partial<Record<NotificationKindValue, NotificationSetting>>>({})
  const settingOf = (kind: NotificationKindValue) =>
    changed()[kind] ?? loaded()?.find((s) => s.kind === kind) ?? { kind, ...NOTIFICATION_DEFAULTS[kind] }
  const kinds = () => kindsFor(tenant.memberships().map((m) => m.role))

  async function save(next: NotificationSetting) {
    const before = settingOf(next.kind)
    setChanged((c) => ({ ...c, [next.kind]: next }))
    try {
      await saveNotificationSetting(next)
    } catch (e) {
      setChanged((c) => ({ ...c, [next.kind]: before }))
      toast.error(t('notifications.notSaved'), errorMessage(e))
    }
  }

  return (
    <Show when={loaded()}>
      <ul class="divide-y divide-line">
        <For each={kinds()}>
          {(kind) => (
            <li class="py-4 first:pt-0 last:pb-0" data-testid={`notification-setting-${kind}`}>
              <fieldset>
                <legend class="font-medium">{t(`notifications.kind.${kind}`)}</legend>
                <div class="mt-2 flex flex-wrap gap-x-8 gap-y-2">
                  <SwitchField
                    label={t('notifications.inApp')}
                    checked={settingOf(kind).in_app}
                    onChange={(in_app) => void save({ ...settingOf(kind), in_app })}
                  />
                  <SwitchField
                    label={t('notifications.email')}
                    checked={settingOf(kind).email}
                    onChange={(email) => void save({ ...settingOf(kind), email })}
                  />
                </div>
              </fieldset>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
