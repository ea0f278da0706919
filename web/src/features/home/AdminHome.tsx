import { A, createAsync } from '@solidjs/router'
import MailPlus from 'lucide-solid/icons/mail-plus'
import Settings from 'lucide-solid/icons/settings'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { withQuery } from '../../lib/navigation.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { formatBytes } from '../files/file-size.ts'
import { PastDueBanner, SchoolMoneyLinks } from '../payments/links/school/SchoolMoneyLinks.tsx'
import { SponsorshipsLink } from '../sponsors/links/SponsorshipsLink.tsx'
import { getAdminHome } from './api.ts'
import { HomeSkeleton } from './components/HomeSkeleton.tsx'
import { StatTile } from './components/StatTile.tsx'
import { HomeHeader } from './HomeHeader.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** How full the school's storage is, in whole percent (a little use shows as 1%, not 0%). */
const storageShare = (h: { storage_used_bytes: number; storage_limit_bytes: number }) =>
  h.storage_limit_bytes <= 0
    ? 100
    : Math.min(100, Math.ceil((h.storage_used_bytes / h.storage_limit_bytes) * 100))

/** An owner's or admin's home: how the school is doing this week, each figure opening its list. */
export function AdminHome() {
  const tenant = useTenant()
  return (
    <div class="space-y-8">
      <HomeHeader intro={t('admin.intro')} />
      <PastDueBanner />
      <Boundary keys={getAdminHome.keyFor(tenant().id)} fallback={<HomeSkeleton />}>
        <Sections tenantId={tenant().id} />
      </Boundary>
      <SchoolMoneyLinks>
        <li>
          <SponsorshipsLink />
        </li>
      </SchoolMoneyLinks>
    </div>
  )
}

function Sections(props: { tenantId: string }) {
  const tenant = useTenant()
  const home = createAsync(() => getAdminHome(props.tenantId))
  const base = () => `/t/${tenant().slug}`
  return (
    <Show when={home()}>
      {(h) => (
        <div class="space-y-8">
          <section aria-labelledby="home-health">
            <h2 id="home-health" class="mb-4 text-lg font-semibold">
              {t('admin.health')}
            </h2>
            <ul class="grid grid-cols-2 gap-3 lg:grid-cols-3">
              <StatTile
                label={t('admin.members')}
                value={h().members.total}
                href={`${base()}/members`}
                note={t('admin.membersNote', {
                  students: h().members.by_role.student,
                  teachers: h().members.by_role.instructor,
                })}
              />
              <StatTile label={t('admin.activeStudents')} value={h().active_students_7d} />
              <StatTile
                label={t('admin.sessionsHeld')}
                value={h().sessions_held_7d}
                href={`${base()}/sessions`}
                note={t('admin.sessionsNext', { count: h().sessions_next_7d })}
              />
              <StatTile
                label={t('admin.openTickets')}
                value={h().open_tickets}
                href={`${base()}/support`}
                note={
                  h().breached_tickets > 0 ? t('admin.breached', { count: h().breached_tickets }) : undefined
                }
              />
              <StatTile
                label={t('admin.breachedTickets')}
                value={h().breached_tickets}
                href={withQuery(`${base()}/support`, { sla: 'breached' })}
                tone="danger"
              />
              <StatTile
                label={t('admin.invitations')}
                value={h().pending_invitations}
                href={`${base()}/members#invitations`}
              />
              <StatTile
                label={t('admin.storage')}
                value={storageShare(h()) >= 90 ? 1 : 0}
                display={`${storageShare(h())}%`}
                tone="warn"
                note={t('admin.storageNote', {
                  used: formatBytes(h().storage_used_bytes),
                  limit: formatBytes(h().storage_limit_bytes),
                })}
              />
            </ul>
          </section>
          <section aria-labelledby="home-actions" class="flex flex-wrap gap-3">
            <h2 id="home-actions" class="sr-only">
              {t('admin.actions')}
            </h2>
            <A href={`${base()}/members#invite`} class="btn-primary">
              <MailPlus size={16} aria-hidden="true" />
              {t('admin.invite')}
            </A>
            <A href={`${base()}/settings`} class="btn-secondary">
              <Settings size={16} aria-hidden="true" />
              {t('admin.settings')}
            </A>
          </section>
        </div>
      )}
    </Show>
  )
}
