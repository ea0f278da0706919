import { createAsync, useSearchParams } from '@solidjs/router'
import { createSignal, type JSX, Match, Switch } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { SelectField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { getChildren } from './api.ts'
import { buyFor } from './children.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/**
 * A parent's "Buy for": their linked children who lack the course (no "myself": parents buy for a
 * child), then `render(childId)` once, with the chosen one as an accessor (the form
 * under it keeps what was typed when the choice changes). `?for=<child id>` preselects a child.
 */
export function BuyFor(props: { courseId: string; render: (studentId: () => string) => JSX.Element }) {
  const tenant = useTenant()
  const [search] = useSearchParams()
  const kids = createAsync(() => getChildren(tenant().id))
  const choice = () =>
    buyFor(kids() ?? [], props.courseId, typeof search.for === 'string' ? search.for : undefined)
  const [picked, setPicked] = createSignal<string>()
  return (
    <Switch>
      <Match when={kids() === undefined}>{null}</Match>
      <Match when={choice().kind === 'no_children'}>
        <FormAlert tone="info">{t('buyFor.noChildren')}</FormAlert>
      </Match>
      <Match when={choice().kind === 'all_have_it'}>
        <FormAlert tone="info">{t('buyFor.allHaveIt')}</FormAlert>
      </Match>
      <Match
        when={(() => {
          const c = choice()
          return c.kind === 'choose' ? c : undefined
        })()}
      >
        {(c) => {
          const selected = () =>
            c().children.some((k) => k.user_id === picked()) ? (picked() as string) : c().preselected
          return (
            <div class="space-y-6">
              <SelectField
                label={t('buyFor.label')}
                description={t('buyFor.hint')}
                name="for_student"
                value={selected()}
                onValue={setPicked}
                options={c().children.map((k) => ({ value: k.user_id, label: k.display_name }))}
              />
              {props.render(selected)}
            </div>
          )
        }}
      </Match>
    </Switch>
  )
}
