import ScanText from 'lucide-solid/icons/scan-text'
import { createEffect, createResource, createSignal, Index, on, onCleanup, Show } from 'solid-js'
import type { Submission } from '../../../../../edge/contract/assignments.ts'
import {
  SCRIPT_TEXT_MAX,
  type ScriptText,
  type ScriptTexts,
} from '../../../../../edge/contract/submission-texts.ts'
import { errorMessage } from '../../../api/errors.ts'
import { formatDateTime } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { api } from '../../../lib/runtime.ts'
import { Button } from '../../../ui/Button.tsx'
import { signedUrls } from '../../files/storage.ts'
import { createGradingJobs, isActive, POLL_MS } from '../jobs.ts'
import { JobStatus } from './JobStatus.tsx'
import { messages } from './script-text-messages.ts'

const t = translator(messages)

/** The types OCR reads (the bucket's photo types). */
const OCR_TYPES = ['image/jpeg', 'image/png', 'image/webp']

/** Tesseract's mean word confidence in a plain word. */
const confidenceWord = (percent: number) =>
  percent >= 85
    ? t('ocr.confidence.high')
    : percent >= 60
      ? t('ocr.confidence.fair')
      : t('ocr.confidence.low')

/** Polls of the texts without the live jobs list: ten minutes. */
const MAX_POLLS = 200

/** A file OCR has not read (or must read again). */
const pending = (f: ScriptText) => f.text === null || (!f.current && f.error === null)

/**
 * The text of a submission's photos and scans on the grading page (lazy-loaded): each image beside
 * its OCR text in a textarea the teacher corrects and saves, with OCR's confidence in words, and
 * "Reading the script…" with the job's progress while the `ocr` job runs (live through jobs.ts; its
 * text arrives as each page is read). Without the jobs list (staff: they read but do not grade) it
 * polls GET /submissions/{id}/texts every 3 s while a page is still being read. Nothing when the
 * submission has no image.
 */
export function ScriptTextPanel(props: { submission: Submission; assignment: string }) {
  const images = () => props.submission.files.filter((f) => OCR_TYPES.includes(f.type ?? ''))
  return (
    <Show when={images().length > 0}>
      <Panel submission={props.submission} assignment={props.assignment} />
    </Show>
  )
}

function Panel(props: { submission: Submission; assignment: string }) {
  const [texts, { refetch, mutate }] = createResource(
    () => props.submission.id,
    (id) => api().get('/submissions/:id/texts', { params: { id } }),
  )
  // Reads use `.latest`: a refetch keeps what is on screen instead of suspending the panel; an
  // error is shown in the panel, never thrown to the page's boundary.
  const data = () => (texts.error ? undefined : texts.latest)
  const grading = createGradingJobs(() => props.assignment)
  const job = () => grading.job('ocr', props.submission.id) ?? data()?.job ?? undefined
  const reading = () => (data()?.files ?? []).some(pending)

  // Each page read (progress) and the end of the job bring new text.
  createEffect(
    on(
      () => [
        grading.job('ocr', props.submission.id)?.status,
        grading.job('ocr', props.submission.id)?.progress,
      ],
      () => void refetch(),
      { defer: true },
    ),
  )
  // Without the live jobs list (staff see texts, not jobs): poll while a page is still being read
  // and its job may still run, for ten minutes at most.
  let polls = 0
  createEffect(() => {
    if (grading.job('ocr', props.submission.id) || !reading()) return
    const j = data()?.job
    if (j && !isActive(j)) return
    const timer = setInterval(() => {
      if (++polls > MAX_POLLS) clearInterval(timer)
      else void refetch()
    }, POLL_MS)
    onCleanup(() => clearInterval(timer))
  })

  const [urls] = createResource(
    () => data()?.files.map((f) => f.path),
    (paths) => signedUrls(paths),
  )
  const saved = (file: ScriptText) =>
    mutate((list) =>
      list ? { ...list, files: list.files.map((f) => (f.path === file.path ? file : f)) } : list,
    )

  return (
    <section aria-labelledby="script-text-heading" class="space-y-3 border-t border-line pt-4">
      <h2 id="script-text-heading" class="flex items-center gap-2 font-semibold">
        <ScanText size={16} aria-hidden="true" />
        {t('ocr.title')}
      </h2>
      <p class="text-sm text-muted">{t('ocr.intro')}</p>
      <Show when={job()?.status === 'failed'}>
        <JobStatus
          job={grading.job('ocr', props.submission.id)}
          onRetry={() => grading.request('ocr', props.submission.id)}
        />
      </Show>
      <Show
        when={!texts.error}
        fallback={
          <p role="alert" class="text-sm text-danger">
            {t('ocr.loadError', { error: errorMessage(texts.error) })}
          </p>
        }
      >
        <Show
          when={data()}
          fallback={
            <p role="status" class="text-sm text-muted">
              {t('ocr.loading')}
            </p>
          }
        >
          {(list) => (
            <ol class="space-y-4">
              {/* By position, not by object: a refetch while a job runs keeps the drafts being edited. */}
              <Index each={list().files}>
                {(file, i) => (
                  <Page
                    file={file()}
                    n={i + 1}
                    url={urls.error ? undefined : urls.latest?.get(file().path)}
                    job={job()}
                    submissionId={list().submission_id}
                    onSaved={saved}
                  />
                )}
              </Index>
            </ol>
          )}
        </Show>
      </Show>
    </section>
  )
}

function Page(props: {
  file: ScriptText
  n: number
  url: string | undefined
  job: ScriptTexts['job'] | undefined
  submissionId: string
  onSaved: (file: ScriptText) => void
}) {
  const f = () => props.file
  const shown = () => f().corrected_text ?? f().text ?? ''
  const [draft, setDraft] = createSignal(shown())
  const [saving, setSaving] = createSignal(false)
  const [error, setError] = createSignal<string>()
  // New text from the server (read, re-read, saved) replaces the draft unless the teacher is editing it.
  let base = shown()
  createEffect(
    on(shown, (now) => {
      if (draft() === base) setDraft(now)
      base = now
    }),
  )
  const dirty = () => draft() !== shown()
  const tooLong = () => draft().length > SCRIPT_TEXT_MAX
  const id = () => `script-text-${props.n}`
  const label = () => t('ocr.textLabel', { n: props.n, name: f().name })

  async function save(text: string | null) {
    setSaving(true)
    setError(undefined)
    try {
      const file = await api().put(
        '/submissions/:id/texts',
        { path: f().path, corrected_text: text },
        { params: { id: props.submissionId } },
      )
      base = file.corrected_text ?? file.text ?? ''
      setDraft(base)
      props.onSaved(file)
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setSaving(false)
    }
  }

  const readingLine = () => {
    const j = props.job
    if (j?.status === 'running') return t('ocr.reading', { percent: j.progress })
    if (j?.status === 'queued') return t('ocr.readingQueued')
    return t('ocr.notRead')
  }

  return (
    <li class="grid gap-3 sm:grid-cols-2">
      <figure class="space-y-1">
        <Show when={props.url} fallback={<div class="h-48 w-full rounded-lg bg-subtle" aria-hidden="true" />}>
          {(url) => (
            <a
              href={url()}
              target="_blank"
              rel="noopener"
              aria-label={t('ocr.openImage', { name: f().name })}
            >
              <img
                src={url()}
                alt={t('ocr.imageAlt', { n: props.n, name: f().name })}
                loading="lazy"
                class="max-h-[28rem] w-full rounded-lg border border-line bg-surface object-contain"
              />
            </a>
          )}
        </Show>
        <figcaption class="text-xs text-muted break-words">
          {t('ocr.page', { n: props.n, name: f().name })}
        </figcaption>
      </figure>
      <div class="space-y-2 text-sm">
        <Show when={f().error}>
          {(reason) => <p class="text-danger">{t('ocr.cannotRead', { error: reason() })}</p>}
        </Show>
        <Show when={pending(f())}>
          <p role="status" class="text-muted">
            {f().text === null ? readingLine() : t('ocr.reread')}
          </p>
        </Show>
        <Show when={f().text !== null && !f().error}>
          <label for={id()} class="sr-only">
            {label()}
          </label>
          <textarea
            id={id()}
            class="input min-h-48 w-full font-mono text-sm"
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
            aria-invalid={tooLong() ? 'true' : undefined}
            aria-describedby={`${id()}-state`}
          />
          <div id={`${id()}-state`} class="space-y-1">
            <Show when={f().confidence !== null}>
              <p class="text-muted">
                {t('ocr.confidence', {
                  percent: f().confidence ?? 0,
                  word: confidenceWord(f().confidence ?? 0),
                })}
              </p>
            </Show>
            <Show when={f().corrected_at}>
              {(at) => (
                <p class="text-muted">
                  {f().corrected_by_name
                    ? t('ocr.corrected', { name: f().corrected_by_name ?? '', time: formatDateTime(at()) })
                    : t('ocr.correctedNoName', { time: formatDateTime(at()) })}
                </p>
              )}
            </Show>
            <Show when={tooLong()}>
              <p class="text-danger">{t('ocr.tooLong', { max: SCRIPT_TEXT_MAX })}</p>
            </Show>
          </div>
          <div class="flex flex-wrap items-center gap-2">
            <Button
              variant="secondary"
              pending={saving()}
              disabled={!dirty() || tooLong()}
              aria-label={t('ocr.saveLabel', { n: props.n })}
              onClick={() => void save(draft())}
            >
              {t('ocr.save')}
            </Button>
            <Show when={f().corrected_text !== null}>
              <Button
                variant="ghost"
                disabled={saving()}
                aria-label={t('ocr.revertLabel', { n: props.n })}
                onClick={() => void save(null)}
              >
                {t('ocr.revert')}
              </Button>
            </Show>
            <span role="status" class="text-xs text-muted">
              {saving() ? '' : dirty() ? t('ocr.unsaved') : f().corrected_text !== null ? t('ocr.saved') : ''}
            </span>
          </div>
          <Show when={error()}>
            <p role="alert" class="text-danger">
              {error()}
            </p>
          </Show>
        </Show>
      </div>
    </li>
  )
}

/** The same, as the module's default: the grading page loads it with the shortest lazy(). */
export default ScriptTextPanel
