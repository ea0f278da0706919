import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { AdminSchool } from '../../../../../edge/contract/admin.ts'
import { PLANS } from '../../../../../edge/contract/payments-values.ts'
import { TENANT_ROLES } from '../../../../../edge/contract/roles.ts'
import { formatDate, formatNumber, roleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { formatBytes } from '../../files/file-size.ts'
import { consoleMessages } from './admin-messages.ts'

const c = translator(consoleMessages)

/** One school of the console: name and address, status, plan, members by role, usage, owners, actions. */
export function SchoolRow(props: { school: AdminSchool; onStatus: () => void; onPlan: () => void }) {
  const s = () => props.school
  const suspended = () => s().status === 'suspended'
  return (
    <tr class="align-top hover:bg-subtle/50" data-school={s().slug}>
      <td class="px-4 py-3">
        <A href={`/t/${s().slug}`} class="link font-medium">
          {s().name}
        </A>
        <div class="font-mono text-xs text-muted">{s().slug}</div>
        <div class="text-xs text-muted">{formatDate(s().created_at)}</div>
      </td>
      <td class="px-4 py-3">
        <span class={`badge ${suspended() ? 'bg-danger-soft text-danger' : 'bg-success-soft text-success'}`}>
          {suspended() ? c('console.suspended') : c('console.active')}
        </span>
        <Show when={suspended() && s().suspended_at}>
          <p class="mt-1 max-w-[14rem] text-xs text-muted">
            {c('console.suspendedSince', {
              date: formatDate(s().suspended_at),
              reason: s().suspension_reason ?? '',
            })}
          </p>
        </Show>
      </td>
      <td class="px-4 py-3 whitespace-nowrap">
        {PLANS[s().plan].name}
        <Show when={s().stripe_subscribed}>
          <span class="badge ml-2 bg-subtle" title={c('console.stripeHint')}>
            {c('console.stripe')}
          </span>
        </Show>
      </td>
      <td class="px-4 py-3">
        <div class="font-medium tabular-nums">{formatNumber(s().member_count)}</div>
        <ul class="text-xs text-muted">
          <For each={TENANT_ROLES.filter((r) => s().members_by_role[r])}>
            {(role) => (
              <li>
                {roleLabel(role)}:{' '}
                <span class="tabular-nums">{formatNumber(s().members_by_role[role] ?? 0)}</span>
              </li>
            )}
          </For>
        </ul>
      </td>
      <td class="px-4 py-3 text-xs whitespace-nowrap text-muted">
        <div>{c('console.aiUsage', { count: s().usage.ai_requests })}</div>
        <div>{c('console.tokens', { tokens: formatNumber(s().usage.ai_tokens) })}</div>
        <div>{c('console.video', { count: s().usage.video_minutes })}</div>
        <div>{c('console.storage', { size: formatBytes(s().usage.storage_bytes) })}</div>
      </td>
      <td class="px-4 py-3 text-muted">{s().owner_emails.join(', ') || '—'}</td>
      <td class="px-4 py-3">
        <div class="flex flex-col gap-2">
          <Button
            variant={suspended() ? 'secondary' : 'danger'}
            onClick={props.onStatus}
            aria-label={`${suspended() ? c('console.reactivate') : c('console.suspend')}: ${s().name}`}
          >
            {suspended() ? c('console.reactivate') : c('console.suspend')}
          </Button>
          <Button
            variant="ghost"
            onClick={props.onPlan}
            aria-label={`${c('console.changePlan')}: ${s().name}`}
          >
            {c('console.changePlan')}
          </Button>
        </div>
      </td>
    </tr>
  )
}
