import { A } from '@solidjs/router'
import ChevronDown from 'lucide-solid/icons/chevron-down'
import LogOut from 'lucide-solid/icons/log-out'
import Trash from 'lucide-solid/icons/trash'
import Users from 'lucide-solid/icons/users'
import { createSignal, createUniqueId, Show } from 'solid-js'
import type { Member, TenantRole } from '../../../../../edge/contract/tenancy.ts'
import { formatDate, initials, personName } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { RoleBadge } from '../../../ui/RoleBadge.tsx'
import { AvatarImage } from '../../files/AvatarImage.tsx'
import { messages as linkMessages } from '../../guardians/messages.ts'
import { messages } from '../messages.ts'
import { RoleSelect } from './RoleSelect.tsx'

const t = translator(messages)
const tl = translator(linkMessages)

const MOBILE_LABEL = 'text-xs font-medium text-muted md:hidden'

export interface MemberRowProps {
  member: Member
  me: boolean
  showEmails: boolean
  /** Set when the viewer may change this member's role and remove them. */
  manage?: { options: TenantRole[]; pending?: TenantRole; onRole: (role: TenantRole) => void }
  onRemove: () => void
  onLeave: () => void
  /** Set on a parent's or a student's row for admins: opens their parent–child links. */
  onLinks?: () => void
}

/**
 * One member: a table row on wide screens; on phones one line (name and role) whose details (email,
 * joined, actions) open under a disclosure button.
 */
export function MemberRow(props: MemberRowProps) {
  const [open, setOpen] = createSignal(false)
  const id = createUniqueId()
  const tenant = useTenant()
  const name = () => personName(props.member)
  /** Cells a phone shows only when the row is open. */
  const detail = (md: string) => `${open() ? 'order-4 flex w-full' : 'hidden'} ${md}`

  return (
    <tr class="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-b border-line px-3 py-2.5 last:border-b-0 md:table-row md:p-0">
      <td class="order-1 min-w-0 flex-1 md:table-cell md:px-4 md:py-3">
        <span class="flex min-w-0 items-center gap-2.5 md:gap-3">
          <AvatarImage
            path={props.member.avatar_path}
            class="size-8 shrink-0 rounded-full md:size-9"
            fallback={
              <span
                class="grid size-8 shrink-0 place-items-center rounded-full bg-subtle text-xs font-semibold text-muted md:size-9"
                aria-hidden="true"
              >
                {initials(name())}
              </span>
            }
          />
          <span class="block min-w-0 truncate font-medium">
            <A
              href={`/t/${tenant().slug}/people/${props.member.user_id}`}
              class="underline decoration-dotted underline-offset-4 hover:decoration-solid"
            >
              {name()}
            </A>
            <Show when={props.me}>
              <span class="ml-1.5 text-xs font-normal text-muted">{t('memberList.you')}</span>
            </Show>
          </span>
        </span>
      </td>
      <Show when={props.showEmails}>
        <td
          id={`${id}-email`}
          class={detail('items-center justify-between gap-3 md:table-cell md:px-4 md:py-3')}
        >
          <span class={MOBILE_LABEL}>{t('memberList.email')}</span>
          <span class="min-w-0 truncate text-muted">{props.member.email ?? ''}</span>
        </td>
      </Show>
      <td class="order-2 shrink-0 md:table-cell md:px-4 md:py-3">
        <Show when={props.manage} fallback={<RoleBadge role={props.member.role} />}>
          {(m) => (
            <RoleSelect
              value={m().pending ?? props.member.role}
              options={m().options}
              label={t('memberList.accessFor', { name: name() })}
              disabled={m().pending !== undefined}
              onChange={m().onRole}
            />
          )}
        </Show>
      </td>
      <td
        id={`${id}-joined`}
        class={detail('items-center justify-between gap-3 md:table-cell md:px-4 md:py-3')}
      >
        <span class={MOBILE_LABEL}>{t('memberList.joined')}</span>
        <span class="text-muted">{formatDate(props.member.joined_at)}</span>
      </td>
      <td id={`${id}-actions`} class={detail('justify-end md:table-cell md:px-4 md:py-3 md:text-right')}>
        <Show when={props.me}>
          <button
            type="button"
            class="btn-ghost min-h-9 px-3 text-muted hover:text-fg"
            onClick={props.onLeave}
          >
            <LogOut size={16} />
            {t('memberList.leave')}
          </button>
        </Show>
        <Show when={props.onLinks}>
          {(open) => (
            <button
              type="button"
              class="btn-ghost min-h-9 px-3 text-muted hover:text-fg"
              aria-label={tl('link.openLabel', { name: name() })}
              onClick={() => open()()}
            >
              <Users size={16} />
              <span class="md:sr-only lg:not-sr-only">{tl('link.open')}</span>
            </button>
          )}
        </Show>
        <Show when={props.manage && !props.me}>
          <button
            type="button"
            class="btn-ghost min-h-9 px-3 text-danger hover:bg-danger-soft"
            aria-label={t('memberList.removeName', { name: name() })}
            onClick={props.onRemove}
          >
            <Trash size={16} />
            <span class="md:sr-only lg:not-sr-only">{t('memberList.remove')}</span>
          </button>
        </Show>
      </td>
      <td class="order-3 shrink-0 md:hidden">
        <button
          type="button"
          class="btn-ghost size-9 min-h-9 px-0 text-muted"
          aria-expanded={open()}
          aria-controls={`${props.showEmails ? `${id}-email ` : ''}${id}-joined ${id}-actions`}
          aria-label={t('memberList.details', { name: name() })}
          onClick={() => setOpen(!open())}
        >
          <ChevronDown size={18} class={open() ? 'rotate-180' : ''} />
        </button>
      </td>
    </tr>
  )
}
