import { For, Show } from 'solid-js'
import { type ImportPreview, isRowError } from '../../../../../edge/contract/classes.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from '../../classes/messages.ts'
import type { StudentList } from '../../classes/student-csv.ts'

const t = translator(messages)

/** Rows the table shows at most: every row with an error first, then the others in order. */
const SHOWN = 200

/** The import's preview: each row of the list with what the import does with it. */
export function ImportPreviewTable(props: { list: StudentList; preview: ImportPreview }) {
  const ordered = () => {
    const rows = props.preview.rows
    return [...rows.filter((r) => isRowError(r.status)), ...rows.filter((r) => !isRowError(r.status))]
  }
  const shown = () => ordered().slice(0, SHOWN)
  return (
    <div class="card max-h-96 overflow-auto">
      <table class="w-full text-left text-sm">
        <caption class="sr-only">{t('import.tableLabel')}</caption>
        <thead class="sticky top-0 border-b border-line bg-surface text-muted">
          <tr>
            <For each={['line', 'name', 'email', 'grade', 'class', 'status'] as const}>
              {(c) => (
                <th scope="col" class="px-3 py-2 font-medium">
                  {t(`import.${c}`)}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={shown()}>
            {(r) => {
              const row = props.list.rows[r.n]
              const error = isRowError(r.status)
              return (
                <tr class="border-b border-line last:border-0" classList={{ 'bg-danger-soft': error }}>
                  <th scope="row" class="px-3 py-1.5 font-normal text-muted">
                    {props.list.lines[r.n]}
                  </th>
                  <td class="px-3 py-1.5">{row?.name}</td>
                  <td class="px-3 py-1.5">{row?.email || row?.phone}</td>
                  <td class="px-3 py-1.5">{row?.grade}</td>
                  <td class="px-3 py-1.5">
                    {row?.class}
                    <Show when={row?.class && !r.class_exists && !error}>
                      <span class="ml-1 text-xs text-muted">({t('import.newClass')})</span>
                    </Show>
                  </td>
                  <td class="px-3 py-1.5" classList={{ 'font-medium text-danger': error }}>
                    {t(`import.status.${r.status}`)}
                  </td>
                </tr>
              )
            }}
          </For>
        </tbody>
      </table>
      <Show when={ordered().length > SHOWN}>
        <p class="px-3 py-2 text-sm text-muted">{t('import.more', { count: ordered().length - SHOWN })}</p>
      </Show>
    </div>
  )
}
