import { For, Show } from 'solid-js'
import type { AuditEntry } from '../../../../../edge/contract/audit.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime } from '../../../lib/school-time.ts'
import { detailLines } from '../audit-details.ts'
import { auditMessages } from '../audit-messages.ts'

const t = translator(auditMessages)

/** The entries of one page: when (school clock) and from where, who, what, on what, and the details. */
export function AuditTable(props: {
  entries: AuditEntry[]
  zone: string | undefined
  onActor: (id: string, name: string) => void
}) {
  return (
    <div class="card overflow-x-auto">
      <table class="w-full text-left text-sm">
        <thead class="border-b border-line text-muted">
          <tr>
            <th scope="col" class="px-4 py-2 font-medium">
              {t('audit.colTime')}
            </th>
            <th scope="col" class="px-4 py-2 font-medium">
              {t('audit.colActor')}
            </th>
            <th scope="col" class="px-4 py-2 font-medium">
              {t('audit.colAction')}
            </th>
            <th scope="col" class="px-4 py-2 font-medium">
              {t('audit.colTarget')}
            </th>
            <th scope="col" class="px-4 py-2 font-medium">
              {t('audit.colDetails')}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(e) => <AuditRow entry={e} zone={props.zone} onActor={props.onActor} />}
          </For>
        </tbody>
      </table>
    </div>
  )
}

function AuditRow(props: {
  entry: AuditEntry
  zone: string | undefined
  onActor: (id: string, name: string) => void
}) {
  const e = () => props.entry
  const name = () => e().actor_name || t('audit.someone')
  // A superadmin acting as the actor for support: "by X as Y".
  const impersonator = () =>
    e().impersonator_id ? { impersonator: e().impersonator_name || t('audit.someone'), name: name() } : null
  return (
    <tr class="border-b border-line align-top last:border-0">
      <td class="whitespace-nowrap px-4 py-2">
        <time datetime={e().created_at}>{formatSchoolTime(e().created_at, props.zone)}</time>
        <Show when={e().ip}>
          <div class="text-xs text-muted">{t('audit.ip', { ip: e().ip ?? '' })}</div>
        </Show>
      </td>
      <td class="px-4 py-2">
        <Show when={e().actor_id} fallback={<span class="text-muted">{t('audit.system')}</span>}>
          {(id) => (
            <button
              type="button"
              class="text-left underline-offset-2 hover:underline"
              title={t('audit.byActor', { name: name() })}
              aria-label={t('audit.byActor', { name: name() })}
              onClick={() => props.onActor(id(), e().actor_name ?? '')}
            >
              <Show when={impersonator()} fallback={name()}>
                {(both) => <span title={t('audit.support', both())}>{t('audit.actingAs', both())}</span>}
              </Show>
            </button>
          )}
        </Show>
      </td>
      <td class="px-4 py-2 font-mono text-xs">{e().action}</td>
      <td class="px-4 py-2">
        <span class="text-muted">{e().target_type}</span>
        <Show when={e().target_id}>
          <div class="max-w-[12rem] truncate font-mono text-xs" title={e().target_id ?? ''}>
            {e().target_id}
          </div>
        </Show>
      </td>
      <td class="px-4 py-2">
        <ul class="space-y-0.5">
          <For each={detailLines(e().details)}>
            {(line) => (
              <li class="break-words">
                <Show when={line.field}>
                  <span class="text-muted">{line.field}: </span>
                </Show>
                {'value' in line ? (
                  line.value
                ) : (
                  <>
                    <del class="text-muted">{line.before || '—'}</del>
                    <span aria-hidden="true"> → </span>
                    <ins class="no-underline">{line.after || '—'}</ins>
                  </>
                )}
              </li>
            )}
          </For>
        </ul>
      </td>
    </tr>
  )
}
