import { createSignal, Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { InviteParentForm } from './InviteParentForm.tsx'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/**
 * The account page's "Parents and guardians" for a student: invite a parent by email in one of the
 * schools where they are a student (a choice when there are several). Nothing for anyone else.
 */
export default function InviteParentSection() {
  const { session, tenant } = useApp()
  const schools = () => tenant.memberships().filter((m) => m.role === 'student')
  const [picked, setPicked] = createSignal<string>()
  const school = () => schools().find((m) => m.tenant_id === picked()) ?? schools()[0]
  return (
    <Show when={school()}>
      {(s) => (
        <section
          aria-labelledby="invite-parent"
          class="grid grid-cols-1 gap-4 border-b border-line py-8 md:grid-cols-[16rem_minmax(0,1fr)]"
        >
          <div>
            <h2 id="invite-parent" class="font-semibold">
              {t('invite.title')}
            </h2>
            <p class="mt-1 text-sm text-muted">{t('invite.text')}</p>
          </div>
          <div class="card space-y-4 p-5 sm:p-6">
            <Show when={schools().length > 1}>
              <SelectField
                label={t('invite.school')}
                name="invite_school"
                value={s().tenant_id}
                onValue={setPicked}
                options={schools().map((m) => ({ value: m.tenant_id, label: m.tenant_name }))}
              />
            </Show>
            <Show when={session.user()?.id} keyed>
              {(me) => (
                <Show when={s().tenant_id} keyed>
                  {(tenantId) => <InviteParentForm tenantId={tenantId} studentId={me} />}
                </Show>
              )}
            </Show>
          </div>
        </section>
      )}
    </Show>
  )
}
