import { createSignal, For, Show } from 'solid-js'
import type { PupilAccount, PupilSheet } from '../../../../../edge/contract/pupils.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { ConfirmDialog } from '../../../ui/ConfirmDialog.tsx'
import { resetPupilPassword } from '../api.ts'
import { messages } from '../messages.ts'

const t = translator(messages)

/** The class's pupil accounts: admission number, whether the first password was changed, a reset. */
export function AccountsTable(props: {
  classId: string
  accounts: PupilAccount[]
  onReset: (sheet: PupilSheet) => void
}) {
  const [resetting, setResetting] = createSignal<PupilAccount>()
  return (
    <Show when={props.accounts.length > 0} fallback={<p class="text-sm text-muted">{t('pupils.none')}</p>}>
      <div class="overflow-x-auto">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">{t('pupils.title')}</caption>
          <thead class="border-b border-line text-muted">
            <tr>
              <th scope="col" class="px-3 py-2 font-medium">
                {t('pupils.name')}
              </th>
              <th scope="col" class="px-3 py-2 font-medium">
                {t('pupils.admission')}
              </th>
              <th scope="col" class="px-3 py-2 font-medium">
                {t('pupils.status')}
              </th>
              <th scope="col" class="px-3 py-2">
                <span class="sr-only">{t('pupils.reset')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.accounts}>
              {(a) => (
                <tr class="border-b border-line last:border-0">
                  <th scope="row" class="px-3 py-2 font-normal">
                    {a.display_name}
                  </th>
                  <td class="px-3 py-2 font-mono">{a.admission_no}</td>
                  <td class="px-3 py-2 text-muted">
                    {a.must_change_password ? t('pupils.mustChange') : t('pupils.ready')}
                  </td>
                  <td class="px-3 py-2 text-right">
                    <Button
                      variant="secondary"
                      aria-label={t('pupils.resetOf', { name: a.display_name })}
                      onClick={() => setResetting(a)}
                    >
                      {t('pupils.reset')}
                    </Button>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={resetting() !== undefined}
        onOpenChange={(open) => !open && setResetting()}
        title={t('pupils.resetTitle', { name: resetting()?.display_name ?? '' })}
        confirmLabel={t('pupils.reset')}
        onConfirm={async () => {
          const who = resetting()
          if (who) props.onReset(await resetPupilPassword(props.classId, who.user_id))
        }}
      >
        {t('pupils.resetText')}
      </ConfirmDialog>
    </Show>
  )
}
