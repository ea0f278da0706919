import { A, createAsync, revalidate, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import CircleCheck from 'lucide-solid/icons/circle-check'
import CreditCard from 'lucide-solid/icons/credit-card'
import Smartphone from 'lucide-solid/icons/smartphone'
import { createSignal, Match, onCleanup, Show, Switch } from 'solid-js'
import type { CourseDetail } from '../../../../edge/contract/courses.ts'
import type { CoursePriceAnswer as CourseAnswer } from '../../../../edge/contract/payments.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { TextField } from '../../ui/Field.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { createForm } from '../../ui/form.ts'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { Spinner } from '../../ui/Spinner.tsx'
import { checkout, fetchPayment } from './api.ts'
import { followPayment } from './follow.ts'
import { messages } from './messages.ts'
import { formatMinor } from './money.ts'
import { getCourse, getCoursePrice } from './Pay.data.ts'
import { mpesaPhone } from './phone.ts'

const t = translator(messages)

type Payment = Awaited<ReturnType<typeof fetchPayment>>

/** /t/:slug/courses/:courseId/pay — buy a course with M-Pesa (or a card), and follow the payment. */
export default function Pay() {
  const params = useParams()
  const tenant = useTenant()
  const courseId = () => params.courseId ?? ''
  return (
    <div class="mx-auto max-w-xl">
      <A
        href={`/t/${tenant().slug}/courses/${courseId()}`}
        class="link mb-4 inline-flex items-center gap-1 text-sm"
      >
        <ArrowLeft size={14} aria-hidden="true" />
        {t('pay.back')}
      </A>
      <Boundary
        keys={[getCourse.keyFor(courseId()), getCoursePrice.keyFor(courseId())]}
        fallback={<Skeleton class="h-72 w-full rounded-xl" />}
      >
        <Loaded courseId={courseId()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { courseId: string }) {
  const course = createAsync(() => getCourse(props.courseId))
  const price = createAsync(() => getCoursePrice(props.courseId))
  usePageTitle(() => {
    const title = course()?.title
    return title ? t('pay.docTitle', { title }) : undefined
  })
  return (
    <Show when={course() && price()}>
      <Checkout course={course() as CourseDetail} price={price() as CourseAnswer} />
    </Show>
  )
}

function Checkout(props: { course: CourseDetail; price: CourseAnswer }) {
  const tenant = useTenant()
  const courseHref = () => `/t/${tenant().slug}/courses/${props.course.id}`
  const amount = () =>
    props.price.price ? formatMinor(props.price.price.amount_minor, props.price.price.currency) : ''
  const [payment, setPayment] = createSignal<Payment>()

  return (
    <div class="card p-5 sm:p-6">
      <h1 class="text-xl font-bold tracking-tight sm:text-2xl">{props.course.title}</h1>
      <Show when={props.price.price}>
        <p class="mt-1 text-muted">
          {t('pay.price')}: <span class="font-semibold text-fg">{amount()}</span>
        </p>
      </Show>
      <div class="mt-5">
        <Switch>
          <Match when={!props.price.price}>
            <Notice text={t('pay.free')} href={courseHref()} action={t('pay.freeAction')} />
          </Match>
          <Match when={props.price.owned && !payment()}>
            <Notice text={t('pay.owned')} href={courseHref()} action={t('pay.ownedAction')} />
          </Match>
          <Match when={payment()}>
            {(p) => (
              <Following
                payment={p()}
                amount={amount()}
                courseHref={courseHref()}
                courseTitle={props.course.title}
                onUpdate={setPayment}
                onRetry={() => setPayment()}
              />
            )}
          </Match>
          <Match when={props.price.methods.length === 0}>
            <FormAlert tone="info">{t('pay.noMethods')}</FormAlert>
          </Match>
          <Match when={true}>
            <Methods course={props.course} price={props.price} onStarted={setPayment} />
          </Match>
        </Switch>
      </div>
    </div>
  )
}

function Notice(props: { text: string; href: string; action: string }) {
  return (
    <div class="space-y-4">
      <FormAlert tone="info">{props.text}</FormAlert>
      <A href={props.href} class="btn-primary">
        {props.action}
      </A>
    </div>
  )
}

/** The kind words for a refused checkout; undefined for anything else. */
function refusal(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined
  if (error.code === 'payments_unavailable' || error.status === 503) return t('pay.unavailable')
  if (error.code === 'course_free') return t('pay.free')
  if (error.code === 'already_exists') return t('pay.alreadyPaid')
  return undefined
}

function Methods(props: {
  course: CourseDetail
  price: CourseAnswer
  onStarted: (payment: Payment) => void
}) {
  const [phone, setPhone] = createSignal('')
  const [cardPending, setCardPending] = createSignal(false)
  const [cardError, setCardError] = createSignal<string>()
  const mpesa = () => props.price.methods.includes('mpesa')
  const card = () => props.price.methods.includes('card')

  const form = createForm<string>({
    fields: ['phone'],
    validate: () => {
      const value = mpesaPhone(phone())
      return value ? { ok: true, data: value } : { ok: false, errors: { phone: t('pay.phoneInvalid') } }
    },
    submit: async (value) => {
      try {
        const started = await checkout(props.course.id, { method: 'mpesa', phone: value })
        props.onStarted(started.payment)
      } catch (error) {
        const kind = refusal(error)
        if (!kind) throw error
        form.setFormError(kind)
        return false
      }
    },
  })

  async function payByCard() {
    setCardError()
    setCardPending(true)
    try {
      const started = await checkout(props.course.id, { method: 'card' })
      if (started.checkout_url) {
        window.location.assign(started.checkout_url)
        return // the page goes away; the button stays busy until it does
      }
      setCardError(t('pay.unavailable'))
    } catch (error) {
      setCardError(refusal(error) ?? errorMessage(error))
    }
    setCardPending(false)
  }

  return (
    <div class="space-y-6">
      <Show when={mpesa()}>
        <form
          ref={form.ref}
          onSubmit={form.onSubmit}
          noValidate
          class="space-y-4"
          aria-labelledby="pay-mpesa"
        >
          <div>
            <h2 id="pay-mpesa" class="flex items-center gap-2 font-semibold">
              <Smartphone size={18} aria-hidden="true" class="text-primary" />
              {t('pay.mpesa')}
            </h2>
            <p class="mt-1 text-sm text-muted">{t('pay.mpesaText')}</p>
          </div>
          <Show when={form.formError()}>
            <FormAlert>{form.formError()}</FormAlert>
          </Show>
          <TextField
            label={t('pay.phone')}
            value={phone()}
            onValue={setPhone}
            error={form.errors().phone}
            description={t('pay.phoneHint')}
            name="phone"
            type="tel"
            inputmode="tel"
            autocomplete="tel"
            placeholder={t('pay.phonePlaceholder')}
            required
          />
          <Button type="submit" pending={form.pending()} class="w-full sm:w-auto">
            {t('pay.payMpesa')}
          </Button>
        </form>
      </Show>
      <Show when={card()}>
        <Show when={mpesa()}>
          <p class="flex items-center gap-3 text-xs text-muted uppercase" aria-hidden="true">
            <span class="h-px flex-1 bg-line" />
            {t('pay.or')}
            <span class="h-px flex-1 bg-line" />
          </p>
        </Show>
        <section aria-labelledby="pay-card" class="space-y-3">
          <div>
            <h2 id="pay-card" class="flex items-center gap-2 font-semibold">
              <CreditCard size={18} aria-hidden="true" class="text-primary" />
              {t('pay.card')}
            </h2>
            <p class="mt-1 text-sm text-muted">{t('pay.cardText')}</p>
          </div>
          <Show when={cardError()}>
            <FormAlert>{cardError()}</FormAlert>
          </Show>
          <Button
            variant={mpesa() ? 'secondary' : 'primary'}
            pending={cardPending()}
            onClick={() => void payByCard()}
            class="w-full sm:w-auto"
          >
            {t('pay.payCard')}
          </Button>
        </section>
      </Show>
    </div>
  )
}

/** After "Pay with M-Pesa": check your phone, then the outcome. */
function Following(props: {
  payment: Payment
  amount: string
  courseHref: string
  courseTitle: string
  onUpdate: (payment: Payment) => void
  onRetry: () => void
}) {
  const tenant = useTenant()
  const [paused, setPaused] = createSignal(false)
  const [askFailed, setAskFailed] = createSignal(false)
  let heading: HTMLHeadingElement | undefined
  const id = props.payment.id
  const status = () => props.payment.status

  if (props.payment.status === 'pending') {
    const stop = followPayment({
      load: () => fetchPayment(id),
      onPayment: (p) => {
        setAskFailed(false)
        props.onUpdate(p)
        if (p.status !== 'pending') {
          if (p.status === 'succeeded')
            void revalidate([getCourse.keyFor(p.course_id ?? ''), getCoursePrice.keyFor(p.course_id ?? '')])
          queueMicrotask(() => heading?.focus())
        }
      },
      onError: () => setAskFailed(true),
      onPaused: setPaused,
    })
    onCleanup(stop)
  }

  return (
    <div>
      <Switch>
        <Match when={status() === 'pending'}>
          <div class="space-y-4 text-center" role="status">
            <Smartphone size={40} aria-hidden="true" class="mx-auto text-primary" />
            <h2 class="text-lg font-semibold">{t('pay.checkTitle')}</h2>
            <p class="text-muted">{t('pay.checkText', { price: props.amount, school: tenant().name })}</p>
            <p class="inline-flex items-center gap-2 text-sm text-muted">
              <Show when={!paused()} fallback={t('pay.paused')}>
                <Spinner class="text-primary" />
                {askFailed() ? t('pay.followFailed') : t('pay.waiting')}
              </Show>
            </p>
            <p class="text-xs text-muted">{t('pay.noPrompt')}</p>
          </div>
        </Match>
        <Match when={status() === 'succeeded'}>
          <div class="space-y-4 text-center">
            <CircleCheck size={40} aria-hidden="true" class="mx-auto text-success" />
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {t('pay.successTitle')}
            </h2>
            <p class="text-muted">{t('pay.successText', { title: props.courseTitle })}</p>
            <A href={props.courseHref} class="btn-primary">
              {t('pay.openCourse')}
            </A>
            <p class="text-xs text-muted">
              <A href={`/t/${tenant().slug}/purchases`} class="link">
                {t('pay.receipts')}
              </A>
            </p>
          </div>
        </Match>
        <Match when={status() === 'failed' || status() === 'cancelled'}>
          <div class="space-y-4">
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {status() === 'cancelled' ? t('pay.cancelledTitle') : t('pay.failedTitle')}
            </h2>
            <FormAlert tone="warn">
              <Show when={props.payment.failure_reason} fallback={t('pay.failedText')}>
                <p>{props.payment.failure_reason}</p>
                <p>{t('pay.failedText')}</p>
              </Show>
            </FormAlert>
            <Button onClick={props.onRetry}>{t('pay.tryAgain')}</Button>
          </div>
        </Match>
        <Match when={true}>
          <div class="space-y-4">
            <h2 ref={heading} tabindex="-1" class="text-lg font-semibold outline-none">
              {t('pay.refundedTitle')}
            </h2>
            <A href={`/t/${tenant().slug}/purchases`} class="btn-secondary">
              {t('pay.receipts')}
            </A>
          </div>
        </Match>
      </Switch>
    </div>
  )
}
