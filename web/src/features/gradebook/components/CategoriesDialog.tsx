import Plus from 'lucide-solid/icons/plus'
import Trash from 'lucide-solid/icons/trash'
import { createEffect, createMemo, createSignal, For, Index, on, Show } from 'solid-js'
import type { Gradebook } from '../../../../../edge/contract/gradebook.ts'
import { intlLocale, translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { SelectField, TextField } from '../../../ui/Field.tsx'
import { FormAlert, FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { messages as uiMessages } from '../../../ui/messages.ts'
import { toast } from '../../../ui/Toaster.tsx'
import { saveCategories } from '../api.ts'
import {
  addCategory,
  CATEGORY_FIELDS,
  type CategoriesDraft,
  checkCategories,
  draftOf,
  draftShares,
  fieldOf,
  itemCount,
  MAX_CATEGORIES,
  placeItem,
  removeCategory,
  unplacedCount,
  updateCategory,
} from '../categories-form.ts'
import { percentText } from '../grades.ts'
import { t } from '../words.ts'
import { DialogShell } from './DialogShell.tsx'

const ui = translator(uiMessages)

/**
 * The course's categories as one form: add, rename, weigh (shown as each one's normalised share
 * of the total), drop the lowest n, and which category each quiz or assignment counts in. Saving
 * replaces them all (PUT /courses/{id}/gradebook/categories); the answer goes to `onSaved`.
 */
export function CategoriesDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  gradebook: Gradebook
  onSaved: (gradebook: Gradebook) => void
}) {
  const [draft, setDraft] = createSignal<CategoriesDraft>({ categories: [], placement: {} })
  let made = 0
  // Each opening starts from the categories as they are now.
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (open) setDraft(draftOf(props.gradebook))
      },
    ),
  )

  const form = createForm({
    fields: CATEGORY_FIELDS,
    validate: () =>
      checkCategories(
        draft(),
        props.gradebook.items.map((i) => i.id),
        {
          nameRequired: t('cats.nameRequired'),
          nameLong: t('cats.nameLong'),
          weightInvalid: t('cats.weightInvalid'),
          dropInvalid: t('cats.dropInvalid'),
          noWeight: t('cats.noWeight'),
        },
      ),
    submit: async (body) => {
      const next = await saveCategories(props.gradebook.course_id, body)
      toast.success(t('cats.saved'))
      props.onSaved(next)
    },
  })

  const shares = createMemo(() => draftShares(draft()))
  const label = (name: string, index: number) => name.trim() || t('cats.untitled', { n: index + 1 })
  const options = createMemo(() => [
    { value: '', label: t('cats.noCategory') },
    ...draft().categories.map((c, i) => ({ value: c.key, label: label(c.name, i) })),
  ])
  const change = (update: (d: CategoriesDraft) => CategoriesDraft) => setDraft(update)

  return (
    <DialogShell
      open={props.open}
      onOpenChange={(open) => {
        if (!open) form.clear()
        props.onOpenChange(open)
      }}
      title={t('cats.title')}
      wide
      description={
        <>
          <p>{t('cats.intro')}</p>
          <p class="mt-1">{t('cats.normalised')}</p>
        </>
      }
    >
      <form
        ref={form.ref}
        onSubmit={async (e) => {
          if (await form.onSubmit(e)) props.onOpenChange(false)
        }}
        noValidate
        class="space-y-6"
      >
        <section class="space-y-3" aria-labelledby="gradebook-cats-heading">
          <h3 id="gradebook-cats-heading" class="sr-only">
            {t('cats.title')}
          </h3>
          <Show
            when={draft().categories.length > 0}
            fallback={<p class="text-sm text-muted">{t('cats.none')}</p>}
          >
            <ol class="space-y-3">
              <Index each={draft().categories}>
                {(c, i) => (
                  <li class="rounded-lg border border-line p-3">
                    <div class="grid gap-3 sm:grid-cols-[minmax(0,1fr)_7rem_7rem_auto] sm:items-start">
                      <TextField
                        label={t('cats.name')}
                        value={c().name}
                        onValue={(name) => change((d) => updateCategory(d, c().key, { name }))}
                        maxLength={100}
                        error={form.errors()[fieldOf(i, 'name')]}
                      />
                      <TextField
                        label={t('cats.weight')}
                        value={c().weight}
                        onValue={(weight) => change((d) => updateCategory(d, c().key, { weight }))}
                        inputMode="decimal"
                        autocomplete="off"
                        error={form.errors()[fieldOf(i, 'weight')]}
                      />
                      <TextField
                        label={t('cats.drop')}
                        value={c().drop}
                        onValue={(drop) => change((d) => updateCategory(d, c().key, { drop }))}
                        inputMode="numeric"
                        autocomplete="off"
                        error={form.errors()[fieldOf(i, 'drop_lowest')]}
                      />
                      <Button
                        variant="ghost"
                        class="size-10 px-0 sm:mt-7"
                        aria-label={t('cats.remove', { name: label(c().name, i) })}
                        onClick={() => change((d) => removeCategory(d, c().key))}
                      >
                        <Trash size={16} aria-hidden="true" />
                      </Button>
                    </div>
                    <p class="mt-2 text-sm text-muted">
                      <span class="font-medium text-fg">
                        {t('cats.share', { share: percentText(shares()[i] ?? 0, intlLocale()) })}
                      </span>
                      {' · '}
                      {t('cats.itemCount', { count: itemCount(draft(), c().key) })}
                    </p>
                  </li>
                )}
              </Index>
            </ol>
          </Show>
          <Show when={form.errors().weights}>
            <p class="text-sm text-danger">{form.errors().weights}</p>
          </Show>
          <div class="flex flex-wrap items-center gap-3">
            <Button
              variant="secondary"
              disabled={draft().categories.length >= MAX_CATEGORIES}
              onClick={() => change((d) => addCategory(d, `new-${++made}`))}
            >
              <Plus size={16} aria-hidden="true" />
              {t('cats.add')}
            </Button>
            <Show when={draft().categories.length >= MAX_CATEGORIES}>
              <p class="text-sm text-muted">{t('cats.max', { max: MAX_CATEGORIES })}</p>
            </Show>
          </div>
          <p class="text-sm text-muted">{t('cats.dropHint')}</p>
        </section>

        <section class="space-y-3" aria-labelledby="gradebook-items-heading">
          <h3 id="gradebook-items-heading" class="font-semibold">
            {t('cats.items')}
          </h3>
          <Show
            when={props.gradebook.items.length > 0}
            fallback={<p class="text-sm text-muted">{t('cats.itemsEmpty')}</p>}
          >
            <div class="grid gap-3 sm:grid-cols-2">
              <For each={props.gradebook.items}>
                {(item) => (
                  <SelectField
                    label={item.title}
                    aria-label={t('cats.itemCategory', { title: item.title })}
                    value={draft().placement[item.id] ?? ''}
                    onValue={(key) => change((d) => placeItem(d, item.id, key))}
                    options={options()}
                  />
                )}
              </For>
            </div>
          </Show>
          <Show when={unplacedCount(draft()) > 0}>
            <FormAlert tone="warn">{t('cats.unplaced', { count: unplacedCount(draft()) })}</FormAlert>
          </Show>
        </section>

        <FormError form={form} />
        <div class="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => props.onOpenChange(false)}>
            {ui('cancel')}
          </Button>
          <Button type="submit" pending={form.pending()}>
            {t('cats.save')}
          </Button>
        </div>
      </form>
    </DialogShell>
  )
}
