import { createAsync, revalidate } from '@solidjs/router'
import Download from 'lucide-solid/icons/download'
import FileDown from 'lucide-solid/icons/file-down'
import { createSignal, For, onCleanup, Show } from 'solid-js'
import type { ExportFormat, NewExportBody, ReportExport } from '../../../../../edge/contract/reports.ts'
import { userTopic } from '../../../../../edge/contract/support-values.ts'
import { errorMessage } from '../../../api/errors.ts'
import { coalesce } from '../../../lib/coalesce.ts'
import { formatDateTime, formatNumber } from '../../../lib/format.ts'
import { locale, translator } from '../../../lib/i18n/i18n.ts'
import { useApp } from '../../../shell/state/AppContext.tsx'
import { useLiveTopic } from '../../../shell/state/live.ts'
import { Button } from '../../../ui/Button.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { formatBytes } from '../../files/file-size.ts'
import { exportLink, getExports, requestExport } from '../api.ts'
import { exportFileName, exportTitle } from '../labels.ts'
import { messages } from '../messages.ts'
import { filtersOf, type ReportView } from '../report-url.ts'
import type { ShownReport } from './ReportFilters.tsx'

const t = translator(messages)
const FORMATS: ExportFormat[] = ['csv', 'xlsx', 'pdf']

/** What an export of the report on screen asks for, in `format` and the page's language. */
function exportOf(view: ReportView, format: ExportFormat): NewExportBody {
  const common = { format, locale: locale() }
  switch (view.report) {
    case 'progress':
      return { report: 'progress', filters: filtersOf(view), ...common }
    case 'payments':
      return { report: 'payments', filters: filtersOf(view), ...common }
    case 'support':
      return { report: 'support', filters: filtersOf(view), ...common }
    case 'tutor':
      return { report: 'tutor', filters: filtersOf(view), ...common }
    case 'attendance':
      return { report: 'attendance', filters: filtersOf(view), ...common }
  }
}

/**
 * Export buttons for the report on screen, and my exports of the last 7 days: waiting, being made
 * (with its progress, live from the `report_export` events on my user topic), done (a download) or
 * failed (why). The file is made in the background; the page can be left meanwhile.
 */
export function ExportPanel(props: { tenantId: string; view: ReportView; shown?: ShownReport }) {
  const app = useApp()
  const [asking, setAsking] = createSignal<ExportFormat>()
  const exports = createAsync(() => getExports(props.tenantId))
  const reload = coalesce(() => void revalidate(getExports.keyFor(props.tenantId)), 250)
  onCleanup(reload.cancel)
  let subscribedOnce = false
  useLiveTopic(() => (app.session.userId() ? userTopic(app.session.userId() as string) : undefined), {
    onEvent: (event) => event.event === 'report_export' && reload.trigger(),
    onSubscribed: () => {
      if (subscribedOnce) reload.trigger()
      subscribedOnce = true
    },
  })

  async function ask(format: ExportFormat) {
    setAsking(format)
    try {
      await requestExport(props.tenantId, exportOf(props.view, format))
      toast.success(t('export.asked', { format: t(`export.${format}`) }))
      reload.trigger()
    } catch (e) {
      toast.error(errorMessage(e))
    } finally {
      setAsking()
    }
  }

  return (
    <section aria-labelledby="export-heading" class="card space-y-4 p-4">
      <div>
        <h2 id="export-heading" class="text-lg font-semibold">
          {t('export.title')}
        </h2>
        <p class="mt-1 text-sm text-muted">{t('export.intro')}</p>
      </div>
      <div class="flex flex-wrap gap-2">
        <For each={FORMATS}>
          {(format) => (
            <Button
              variant="secondary"
              pending={asking() === format}
              disabled={!props.shown || props.shown.total_rows === 0}
              onClick={() => ask(format)}
            >
              <FileDown size={16} aria-hidden="true" />
              {t(`export.${format}`)}
            </Button>
          )}
        </For>
      </div>
      <div>
        <h3 class="text-sm font-semibold">{t('export.mine')}</h3>
        <Show
          when={(exports()?.exports ?? []).length > 0}
          fallback={<p class="mt-1 text-sm text-muted">{t('export.none')}</p>}
        >
          <ul class="mt-2 divide-y divide-line" data-testid="report-exports">
            <For each={exports()?.exports}>{(e) => <ExportItem export={e} />}</For>
          </ul>
        </Show>
      </div>
    </section>
  )
}

function ExportItem(props: { export: ReportExport }) {
  const e = () => props.export
  const name = () => `${exportTitle(e())} (${t(`export.${e().format}`)})`
  async function download() {
    const file = `${exportFileName(e())}.${e().format}`
    try {
      const url = e().object_name ? await exportLink(e().object_name as string, file) : undefined
      if (url) window.location.assign(url)
    } catch (error) {
      toast.error(errorMessage(error))
    }
  }
  return (
    <li class="flex flex-wrap items-center gap-x-4 gap-y-2 py-3 text-sm">
      <div class="min-w-0 flex-1">
        <p class="font-medium">{name()}</p>
        <p class="text-xs text-muted">
          <time datetime={e().created_at}>{formatDateTime(e().created_at)}</time>
          {' · '}
          <Show when={e().status === 'done'}>
            {t('export.done', {
              rows: formatNumber(e().row_count ?? 0),
              size: formatBytes(e().byte_size ?? 0),
            })}
          </Show>
          <Show when={e().status === 'queued'}>{t('export.queued')}</Show>
          <Show when={e().status === 'running'}>{t('export.running', { percent: e().progress })}</Show>
          <Show when={e().status === 'failed'}>
            <span class="text-danger">{t('export.failed', { reason: e().error ?? '' })}</span>
          </Show>
        </p>
        <Show when={e().status === 'running' || e().status === 'queued'}>
          <progress
            class="mt-1 h-1.5 w-full max-w-xs"
            max="100"
            value={e().progress}
            aria-label={t('export.progress')}
          />
        </Show>
      </div>
      <Show when={e().status === 'done'}>
        <Button
          variant="secondary"
          onClick={download}
          aria-label={t('export.downloadLabel', { name: name() })}
        >
          <Download size={16} aria-hidden="true" />
          {t('export.download')}
        </Button>
      </Show>
    </li>
  )
}
