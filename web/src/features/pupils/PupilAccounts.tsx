import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import type { ClassDetail } from '../../../../edge/contract/classes.ts'
import type { PupilSheet } from '../../../../edge/contract/pupils.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { Boundary } from '../../ui/Boundary.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { getPupilAccounts } from './api.ts'
import { AccountsTable } from './components/AccountsTable.tsx'
import { FirstPasswords, signInAddress } from './components/FirstPasswords.tsx'
import { MakeAccounts } from './components/MakeAccounts.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * The class page's "sign-ins without email" (admins and the class's teachers; loaded with the page
 * only for them): the school code, the class's pupil accounts with a password reset each, and a form
 * that makes accounts from names and admission numbers. First passwords are shown once, with the
 * class sheet (PDF) to download.
 */
export default function PupilAccounts(props: { klass: ClassDetail; onChanged: () => Promise<unknown> }) {
  const [sheet, setSheet] = createSignal<{ sheet: PupilSheet; title: string }>()
  const refresh = () => Promise.all([revalidate(getPupilAccounts.keyFor(props.klass.id)), props.onChanged()])
  const made = (s: PupilSheet) => {
    setSheet({ sheet: s, title: t('pupils.sheetTitle') })
    void refresh()
  }
  const reset = (s: PupilSheet) => {
    setSheet({ sheet: s, title: t('pupils.resetDone', { name: s.pupils[0]?.display_name ?? '' }) })
    void refresh()
  }
  return (
    <section aria-labelledby="class-pupils" class="card space-y-4 p-5">
      <div>
        <h2 id="class-pupils" class="text-lg font-semibold">
          {t('pupils.title')}
        </h2>
        <p class="text-sm text-muted">{t('pupils.intro')}</p>
      </div>
      <Show when={sheet()}>
        {(s) => <FirstPasswords sheet={s().sheet} title={s().title} onDone={() => setSheet()} />}
      </Show>
      <Boundary keys={getPupilAccounts.keyFor(props.klass.id)} fallback={<ListSkeleton rows={2} />}>
        <Accounts classId={props.klass.id} onReset={reset} />
      </Boundary>
      <div class="space-y-2 border-t border-line pt-4">
        <h3 class="font-medium">{t('pupils.makeTitle')}</h3>
        <MakeAccounts classId={props.klass.id} onMade={made} />
      </div>
    </section>
  )
}

function Accounts(props: { classId: string; onReset: (sheet: PupilSheet) => void }) {
  const data = createAsync(() => getPupilAccounts(props.classId))
  return (
    <Show when={data()}>
      {(d) => (
        <div class="space-y-3">
          <dl class="flex flex-wrap gap-x-8 gap-y-1 text-sm">
            <div>
              <dt class="text-muted">{t('pupils.schoolCode')}</dt>
              <dd class="font-mono text-lg font-semibold" data-testid="school-code">
                {d().school_code}
              </dd>
            </div>
            <div>
              <dt class="text-muted">{t('pupils.signInAt')}</dt>
              <dd class="font-mono">{signInAddress()}</dd>
            </div>
          </dl>
          <AccountsTable classId={props.classId} accounts={d().accounts} onReset={props.onReset} />
        </div>
      )}
    </Show>
  )
}
