import { createAsync, useSearchParams } from '@solidjs/router'
import ChevronRight from 'lucide-solid/icons/chevron-right'
import Download from 'lucide-solid/icons/download'
import Lock from 'lucide-solid/icons/lock'
import ScrollText from 'lucide-solid/icons/scroll-text'
import { createSignal, Show } from 'solid-js'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { isAdminRole, useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { EmptyState } from '../../ui/EmptyState.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { ListSkeleton } from '../../ui/Skeleton.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { downloadAuditCsv, getAuditPage } from './Audit.data.ts'
import { type AuditFilters, type AuditParams, isFiltered, readAuditFilters } from './audit-filters.ts'
import { auditMessages } from './audit-messages.ts'
import { AuditFilterBar, type AuditFilterChange } from './components/AuditFilterBar.tsx'
import { AuditTable } from './components/AuditTable.tsx'
import { useSchoolZone } from './school-zone.ts'

const t = translator(auditMessages)

/** /t/:slug/audit — owners and admins (and superadmins) read, filter and export the school's audit log. */
export default function Audit() {
  const tenant = useTenant()
  usePageTitle(() => t('audit.docTitle', { school: tenant().name }))
  // A superadmin visiting has no role in the school; the API decides, and answers them.
  const allowed = () => isAdminRole(tenant().role) || tenant().role === null
  return (
    <Show
      when={allowed()}
      fallback={
        <EmptyState icon={<Lock size={28} />} title={t('audit.forbidden')}>
          {t('audit.forbiddenText', { school: tenant().name })}
        </EmptyState>
      }
    >
      <AuditLog />
    </Show>
  )
}

function AuditLog() {
  const tenant = useTenant()
  const [params, setParams] = useSearchParams<AuditParams & { actor_name?: string }>()
  const filters = () => readAuditFilters(params)
  // A new filter starts again from the newest entries (and replaces the history entry).
  const change = (next: AuditFilterChange & { actor_name?: string }) => {
    const cleared = Object.fromEntries(Object.entries(next).map(([k, v]) => [k, v || undefined]))
    setParams({ ...cleared, before: undefined }, { replace: true })
  }
  const [exporting, setExporting] = createSignal(false)
  const exportCsv = async () => {
    setExporting(true)
    try {
      await downloadAuditCsv(tenant().id, tenant().slug, filters())
      toast.success(t('audit.exported'))
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setExporting(false)
    }
  }
  return (
    <section aria-labelledby="audit-heading">
      <div class="mb-4 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 id="audit-heading" class="text-2xl font-bold tracking-tight">
            {t('audit.title')}
          </h1>
          <p class="mt-1 max-w-2xl text-sm text-muted">{t('audit.text')}</p>
        </div>
        <Button variant="secondary" pending={exporting()} onClick={exportCsv}>
          <Download size={16} aria-hidden="true" />
          {exporting() ? t('audit.exporting') : t('audit.export')}
        </Button>
      </div>
      <AuditFilterBar filters={filters()} actorName={params.actor_name} onChange={change} />
      <Boundary keys={getAuditPage.key} fallback={<ListSkeleton />}>
        <AuditResults
          tenantId={tenant().id}
          filters={filters()}
          onActor={(actor, name) => change({ actor, actor_name: name })}
          onClear={() => change({ action: '', actor: '', target: '', from: '', to: '', actor_name: '' })}
          onOlder={(before) => setParams({ before: String(before) })}
          onNewest={() => setParams({ before: undefined })}
        />
      </Boundary>
    </section>
  )
}

function AuditResults(props: {
  tenantId: string
  filters: AuditFilters
  onActor: (id: string, name: string) => void
  onClear: () => void
  onOlder: (before: number) => void
  onNewest: () => void
}) {
  const data = createAsync(() => getAuditPage(props.tenantId, props.filters))
  const zone = useSchoolZone()
  return (
    <Show when={data()}>
      {(page) => (
        <Show
          when={page().entries.length > 0}
          fallback={<NoEntries filtered={isFiltered(props.filters)} onClear={props.onClear} />}
        >
          <AuditTable entries={page().entries} zone={zone()} onActor={props.onActor} />
          <nav aria-label={t('audit.pages')} class="mt-4 flex items-center justify-between gap-2">
            <button
              type="button"
              class="btn-secondary px-3"
              disabled={!props.filters.before}
              onClick={props.onNewest}
            >
              {t('audit.newest')}
            </button>
            <button
              type="button"
              class="btn-secondary px-3"
              disabled={page().next_before === null}
              onClick={() => {
                const next = page().next_before
                if (next !== null) props.onOlder(next)
              }}
            >
              {t('audit.older')}
              <ChevronRight size={16} aria-hidden="true" />
            </button>
          </nav>
        </Show>
      )}
    </Show>
  )
}

function NoEntries(props: { filtered: boolean; onClear: () => void }) {
  return (
    <Show
      when={props.filtered}
      fallback={<EmptyState icon={<ScrollText size={28} />} title={t('audit.none')} />}
    >
      <EmptyState icon={<ScrollText size={28} />} title={t('audit.noMatch')}>
        <button type="button" class="btn-secondary mt-2" onClick={props.onClear}>
          {t('audit.clear')}
        </button>
      </EmptyState>
    </Show>
  )
}
