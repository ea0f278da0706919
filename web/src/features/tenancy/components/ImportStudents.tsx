import { revalidate } from '@solidjs/router'
import FileUp from 'lucide-solid/icons/file-up'
import { createSignal, Match, Show, Switch } from 'solid-js'
import {
  type ImportPreview,
  type ImportResult,
  type ImportRowStatus,
  isRowError,
  MAX_IMPORT_ROWS,
} from '../../../../../edge/contract/classes.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { useTenant } from '../../../shell/state/TenantContext.tsx'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { previewImport, runImport } from '../../classes/api.ts'
import { messages } from '../../classes/messages.ts'
import { readStudentList, type StudentList } from '../../classes/student-csv.ts'
import { getInvitations } from '../api.ts'
import { ImportPreviewTable } from './ImportPreviewTable.tsx'

const t = translator(messages)

type Step =
  | { at: 'input' }
  | { at: 'preview'; list: StudentList; preview: ImportPreview }
  | { at: 'done'; result: ImportResult }

/** Counts of a preview: emails to invite, accounts to make for phone numbers, rows already invited, rows with errors. */
export function previewCounts(preview: ImportPreview) {
  const by = (f: (s: ImportRowStatus) => boolean) => preview.rows.filter((r) => f(r.status)).length
  return {
    invite: by((s) => s === 'new'),
    accounts: by((s) => s === 'new_account'),
    already: by((s) => s === 'already_invited'),
    errors: by(isRowError),
  }
}

/**
 * The members page's "Import students": paste a class list or choose a CSV file, check it (each
 * row's status from the server, nothing written), import, then the counts. Loaded on its own.
 */
export default function ImportStudents() {
  const tenant = useTenant()
  const [text, setText] = createSignal('')
  const [step, setStep] = createSignal<Step>({ at: 'input' })
  const [error, setError] = createSignal<string>()
  const [pending, setPending] = createSignal(false)

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setError()
    setPending(true)
    try {
      return await work()
    } catch (e) {
      setError(errorMessage(e))
      return undefined
    } finally {
      setPending(false)
    }
  }

  async function check(e: SubmitEvent) {
    e.preventDefault()
    const list = readStudentList(text())
    if (list.rows.length === 0) return setError(t('import.empty'))
    if (list.rows.length > MAX_IMPORT_ROWS)
      return setError(t('import.tooMany', { max: MAX_IMPORT_ROWS, count: list.rows.length }))
    const preview = await run(() => previewImport(tenant().id, list.rows))
    if (preview) setStep({ at: 'preview', list, preview })
  }

  async function importRows(list: StudentList) {
    const result = await run(() => runImport(tenant().id, list.rows))
    if (!result) return
    setStep({ at: 'done', result })
    setText('')
    await revalidate(getInvitations.keyFor(tenant().id))
  }

  async function chooseFile(file: File | undefined) {
    if (!file) return
    try {
      setText(await file.text())
      setError()
    } catch {
      setError(t('import.fileUnreadable'))
    }
  }

  return (
    <div class="space-y-4">
      <h2 id="import-heading" class="text-lg font-semibold">
        {t('import.title')}
      </h2>
      <Switch>
        <Match when={step().at === 'input'}>
          <p class="text-sm text-muted">{t('import.intro')}</p>
          <form onSubmit={check} class="space-y-4" noValidate>
            <TextAreaField
              label={t('import.paste')}
              name="csv"
              value={text()}
              onValue={setText}
              rows={6}
              class="font-mono"
              placeholder={t('import.example')}
            />
            <div>
              <label for="import-file" class="mb-1.5 block text-sm font-medium">
                {t('import.file')}
              </label>
              <input
                id="import-file"
                type="file"
                accept=".csv,.txt,text/csv,text/plain"
                class="text-sm"
                onChange={(e) => chooseFile(e.currentTarget.files?.[0])}
              />
            </div>
            <Button type="submit" pending={pending()} disabled={text().trim() === ''}>
              <FileUp size={16} />
              {pending() ? t('import.checking') : t('import.preview')}
            </Button>
          </form>
        </Match>
        <Match when={step().at === 'preview' && (step() as Extract<Step, { at: 'preview' }>)}>
          {(s) => (
            <PreviewStep
              step={s()}
              pending={pending()}
              onBack={() => setStep({ at: 'input' })}
              onImport={importRows}
            />
          )}
        </Match>
        <Match when={step().at === 'done' && (step() as Extract<Step, { at: 'done' }>)}>
          {(s) => (
            <div class="space-y-3" role="status">
              <h3 class="font-semibold">{t('import.doneTitle')}</h3>
              <p class="text-sm">
                {t('import.done', {
                  invited: s().result.invited,
                  accounts: s().result.accounts_created,
                  already: s().result.already_invited,
                  placed: s().result.placed,
                  classes: s().result.classes_created,
                  rejected: s().result.rejected,
                })}
              </p>
              <Show when={s().result.accounts_created > 0}>
                <p class="text-sm">{t('import.phoneSignIn', { url: `${location.origin}/signin/phone` })}</p>
              </Show>
              <Button variant="secondary" onClick={() => setStep({ at: 'input' })}>
                {t('import.another')}
              </Button>
            </div>
          )}
        </Match>
      </Switch>
      <Show when={error()}>
        <FormAlert tone="error">{error() as string}</FormAlert>
      </Show>
    </div>
  )
}

function PreviewStep(props: {
  step: Extract<Step, { at: 'preview' }>
  pending: boolean
  onBack: () => void
  onImport: (list: StudentList) => void
}) {
  const counts = () => previewCounts(props.step.preview)
  const ok = () => counts().invite + counts().accounts
  return (
    <div class="space-y-3">
      <h3 class="font-semibold">{t('import.previewTitle')}</h3>
      <p class="text-sm" aria-live="polite">
        {t('import.summary', counts())}{' '}
        <span class="text-muted">{t('import.seats', { count: props.step.preview.seats_left })}</span>
      </p>
      <ImportPreviewTable list={props.step.list} preview={props.step.preview} />
      <div class="flex flex-wrap gap-2">
        <Show when={ok() > 0} fallback={<p class="text-sm text-muted">{t('import.nothing')}</p>}>
          <Button pending={props.pending} onClick={() => props.onImport(props.step.list)}>
            {props.pending ? t('import.importing') : t('import.run', { count: ok() })}
          </Button>
        </Show>
        <Button variant="secondary" onClick={props.onBack}>
          {t('import.back')}
        </Button>
      </div>
    </div>
  )
}
