import { For, Show } from 'solid-js'
import type { ClassPerson } from '../../../../../edge/contract/classes.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** A class's students or teachers as a table; admins get a Remove button per person. */
export function PeopleTable(props: {
  caption: string
  people: ClassPerson[]
  empty: string
  onRemove?: (person: ClassPerson) => void
}) {
  return (
    <Show when={props.people.length > 0} fallback={<p class="text-sm text-muted">{props.empty}</p>}>
      <div class="card overflow-x-auto">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">{props.caption}</caption>
          <thead class="border-b border-line text-muted">
            <tr>
              <th scope="col" class="px-4 py-2 font-medium">
                {t('class.nameColumn')}
              </th>
              <Show when={props.onRemove}>
                <th scope="col" class="px-4 py-2 text-right font-medium">
                  {t('class.actions')}
                </th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={props.people}>
              {(p) => (
                <tr class="border-b border-line last:border-0">
                  <th scope="row" class="px-4 py-2 font-normal">
                    {p.display_name}
                  </th>
                  <Show when={props.onRemove}>
                    {(remove) => (
                      <td class="px-4 py-1 text-right">
                        <Button
                          variant="ghost"
                          class="text-danger hover:bg-danger-soft"
                          aria-label={t('class.removeLabel', { name: p.display_name })}
                          onClick={() => remove()(p)}
                        >
                          {t('class.remove')}
                        </Button>
                      </td>
                    )}
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  )
}
