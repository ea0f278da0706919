import { createSignal, For, Show } from 'solid-js'
import type { PupilSheet } from '../../../../../edge/contract/pupils.ts'
import { errorMessage } from '../../../api/errors.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { FormAlert } from '../../../ui/FormAlert.tsx'
import { toast } from '../../../ui/Toaster.tsx'
import { messages } from '../messages.ts'

const t = translator(messages)

/** Where pupils sign in: this app's sign-in page. */
export const signInAddress = () => `${location.origin}/signin`

/** Downloads the class sheet; pdf-lib and the sheet's code load only now. */
async function downloadSheet(sheet: PupilSheet) {
  const { classSheetPdf, saveFile } = await import('../class-sheet.ts')
  const bytes = await classSheetPdf(sheet, {
    heading: t('sheet.heading', { school: sheet.school_name, class: sheet.class_name }),
    howTo: t('sheet.howTo', { url: signInAddress() }),
    firstTime: t('sheet.firstTime'),
    name: t('pupils.name'),
    admission: t('pupils.admission'),
    schoolCode: t('pupils.schoolCode'),
    password: t('pupils.password'),
  })
  const slug =
    sheet.class_name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'class'
  saveFile(bytes, t('sheet.fileName', { class: slug }))
}

/**
 * First passwords just made (or reset), shown this once with the class sheet to download. They live
 * only in this component: "Done" forgets them.
 */
export function FirstPasswords(props: { sheet: PupilSheet; title: string; onDone: () => void }) {
  const [pending, setPending] = createSignal(false)
  const [downloaded, setDownloaded] = createSignal(false)
  const download = async () => {
    setPending(true)
    try {
      await downloadSheet(props.sheet)
      setDownloaded(true)
    } catch (error) {
      toast.error(errorMessage(error))
    } finally {
      setPending(false)
    }
  }
  return (
    <section aria-labelledby="first-passwords" class="card space-y-3 p-4">
      <h3 id="first-passwords" class="font-semibold">
        {props.title}
      </h3>
      <FormAlert tone="warn">
        <p>{t('pupils.sheetOnce')}</p>
      </FormAlert>
      <div class="overflow-x-auto">
        <table class="w-full text-left text-sm">
          <caption class="sr-only">{t('pupils.sheetTitle')}</caption>
          <thead class="border-b border-line text-muted">
            <tr>
              <th scope="col" class="px-3 py-2 font-medium">
                {t('pupils.name')}
              </th>
              <th scope="col" class="px-3 py-2 font-medium">
                {t('pupils.admission')}
              </th>
              <th scope="col" class="px-3 py-2 font-medium">
                {t('pupils.password')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.sheet.pupils}>
              {(p) => (
                <tr class="border-b border-line last:border-0">
                  <th scope="row" class="px-3 py-2 font-normal">
                    {p.display_name}
                  </th>
                  <td class="px-3 py-2 font-mono">{p.admission_no}</td>
                  <td class="px-3 py-2 font-mono" data-testid="first-password">
                    {p.password}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <div class="flex flex-wrap items-center gap-2">
        <Button onClick={download} pending={pending()}>
          {pending() ? t('pupils.downloading') : t('pupils.download')}
        </Button>
        <Button variant="ghost" onClick={() => props.onDone()}>
          {t('pupils.dismiss')}
        </Button>
        <Show when={!downloaded()}>
          <p class="text-sm text-muted">{t('pupils.dismissWarning')}</p>
        </Show>
      </div>
    </section>
  )
}
