import PartyPopper from 'lucide-solid/icons/party-popper'
import { createSignal, createUniqueId, For, Show } from 'solid-js'
import type { TicketRating } from '../../../../../edge/contract/support.ts'
import { SUPPORT_LIMITS } from '../../../../../edge/contract/support-values.ts'
import { validate } from '../../../lib/forms.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { Button } from '../../../ui/Button.tsx'
import { TextAreaField } from '../../../ui/Field.tsx'
import { FormError } from '../../../ui/FormAlert.tsx'
import { createForm } from '../../../ui/form.ts'
import { rateTicket } from '../api.ts'
import { messages } from '../messages.ts'
import { Stars } from './Stars.tsx'

const t = translator(messages)

/** The five scores and the catalogue keys of their words (read when shown: the language can change). */
const SCORES = [
  { score: 1, key: 'csat.veryUnhappy' },
  { score: 2, key: 'csat.unhappy' },
  { score: 3, key: 'csat.okay' },
  { score: 4, key: 'csat.happy' },
  { score: 5, key: 'csat.veryHappy' },
] as const

/**
 * The requester's rating of a resolved ticket: 1–5 and an optional comment, once. Afterwards (and
 * after a reload) a thank-you with the score given.
 */
export function CsatPrompt(props: {
  ticketId: string
  rating: TicketRating | null
  /** The ticket is resolved (not closed): a reply would reopen it. */
  canReply: boolean
  onRated: (rating: TicketRating) => void
}) {
  const [score, setScore] = createSignal<number>()
  const [comment, setComment] = createSignal('')
  const [justRated, setJustRated] = createSignal(false)
  const groupId = createUniqueId()

  const form = createForm({
    fields: ['score', 'comment'],
    validate: async () => {
      const { CsatBody } = await import('../../../../../edge/contract/support.ts')
      return validate(CsatBody, { score: score() ?? 0, comment: comment().trim() || undefined })
    },
    submit: async (body) => {
      const rating = await rateTicket(props.ticketId, body)
      setJustRated(true)
      props.onRated(rating)
    },
  })
  const errors = form.errors

  return (
    <Show
      when={!props.rating}
      fallback={
        <div
          role="status"
          class="flex items-start gap-3 border-t border-line bg-success-soft/50 px-4 py-4 sm:px-5"
        >
          <span class="mt-0.5 text-success">
            <PartyPopper size={20} aria-hidden="true" />
          </span>
          <div class="text-sm">
            <p class="font-semibold">{justRated() ? t('csat.thanksNow') : t('csat.thanksBefore')}</p>
            <p class="mt-1 flex items-center gap-2 text-muted">
              <Stars score={props.rating?.score ?? 0} />
              <span>{t('csat.outOfFive', { score: props.rating?.score ?? 0 })}</span>
            </p>
          </div>
        </div>
      }
    >
      <form
        ref={form.ref}
        onSubmit={form.onSubmit}
        noValidate
        class="space-y-3 border-t border-line bg-primary/5 px-4 py-4 sm:px-5"
        aria-labelledby={`${groupId}-title`}
      >
        <div>
          <h2 id={`${groupId}-title`} class="font-semibold">
            {t('csat.title')}
          </h2>
          <p class="text-sm text-muted">
            {t('csat.intro')}
            <Show when={props.canReply}> {t('csat.reopen')}</Show>
          </p>
        </div>
        <fieldset aria-describedby={errors().score ? `${groupId}-err` : undefined}>
          <legend class="sr-only">{t('csat.legend')}</legend>
          <div class="flex flex-wrap gap-2">
            <For each={SCORES}>
              {(s) => (
                <label
                  class="flex cursor-pointer flex-col items-center rounded-lg border border-line bg-surface px-3 py-2 text-xs has-[:checked]:border-primary has-[:checked]:bg-primary/10 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-focus"
                  title={t(s.key)}
                >
                  <input
                    type="radio"
                    name="score"
                    value={s.score}
                    class="sr-only"
                    checked={score() === s.score}
                    onChange={() => setScore(s.score)}
                    aria-label={`${s.score} – ${t(s.key)}`}
                  />
                  <span class="text-lg font-bold tabular-nums">{s.score}</span>
                  <span class="hidden text-muted sm:block">{t(s.key)}</span>
                </label>
              )}
            </For>
          </div>
          <p class="mt-1.5 text-xs text-muted sm:hidden">{t('csat.scale')}</p>
          <Show when={errors().score}>
            <p id={`${groupId}-err`} class="mt-1.5 text-sm text-danger">
              {errors().score}
            </p>
          </Show>
        </fieldset>
        <TextAreaField
          label={t('csat.comment')}
          name="comment"
          rows={2}
          value={comment()}
          onValue={setComment}
          error={errors().comment}
          maxLength={SUPPORT_LIMITS.comment}
        />
        <FormError form={form} />
        <Button type="submit" pending={form.pending()}>
          {t('csat.send')}
        </Button>
      </form>
    </Show>
  )
}
