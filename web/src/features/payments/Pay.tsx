import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { createSignal, Match, onMount, Show, Switch } from 'solid-js'
import type { CourseDetail } from '../../../../edge/contract/courses.ts'
import type { CoursePriceAnswer as CourseAnswer } from '../../../../edge/contract/payments.ts'
import { ApiError, errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { Button } from '../../ui/Button.tsx'
import { FormAlert } from '../../ui/FormAlert.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { Skeleton } from '../../ui/Skeleton.tsx'
import { Spinner } from '../../ui/Spinner.tsx'
import { BuyFor } from '../guardians/BuyFor.tsx'
import { cancelPayment, checkout, fetchPayment } from './api.ts'
import { Following } from './components/Following.tsx'
import { PayMethods } from './components/PayMethods.tsx'
import { messages } from './messages.ts'
import { formatMinor } from './money.ts'
import { getCourse, getCoursePrice } from './Pay.data.ts'
import { payReturn } from './return.ts'

const t = translator(messages)

type Payment = Awaited<ReturnType<typeof fetchPayment>>

/**
 * /t/:slug/courses/:courseId/pay — buy a course with M-Pesa (or a card), and follow the payment;
 * `?payment=<id>` (and `&cancelled=1`) when the card checkout sends the payer back.
 */
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
  const [search, setSearch] = useSearchParams()
  const courseHref = () => `/t/${tenant().slug}/courses/${props.course.id}`
  const amount = () =>
    props.price.price ? formatMinor(props.price.price.amount_minor, props.price.price.currency) : ''
  const [payment, setPayment] = createSignal<Payment>()
  // Back from the card checkout: the payment is read (or cancelled) before anything else is shown.
  const back = payReturn(search)
  const [returning, setReturning] = createSignal(!!back)
  const [returnError, setReturnError] = createSignal<string>()
  const [cancelledByPayer, setCancelledByPayer] = createSignal(false)

  const forget = () => setSearch({ payment: undefined, cancelled: undefined }, { replace: true })
  function retry() {
    setPayment()
    setCancelledByPayer(false)
    setReturnError()
    if (back) forget()
  }

  onMount(() => {
    if (back) void resume(back.paymentId, back.cancelled)
  })

  async function resume(id: string, cancelled: boolean) {
    try {
      let found: Payment
      if (cancelled) {
        // A payment that ended meanwhile (paid in another tab, cancelled before) cannot be cancelled:
        // then it is shown as it is.
        found = await cancelPayment(id).catch((error: unknown) => {
          if (error instanceof ApiError && (error.status === 409 || error.status === 422))
            return fetchPayment(id)
          throw error
        })
        setCancelledByPayer(found.status === 'pending' || found.status === 'cancelled')
      } else found = await fetchPayment(id)
      if (found.course_id && found.course_id !== props.course.id) forget()
      else setPayment(found)
    } catch (error) {
      setReturnError(errorMessage(error))
    } finally {
      setReturning(false)
    }
  }

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
          <Match when={returning()}>
            <p role="status" class="inline-flex items-center gap-2 text-sm text-muted">
              <Spinner class="text-primary" />
              {t('pay.returning')}
            </p>
          </Match>
          <Match when={returnError()}>
            {(error) => (
              <div class="space-y-4">
                <FormAlert title={t('pay.returnFailedTitle')}>
                  <p>{error()}</p>
                  <p>{t('pay.returnFailedText')}</p>
                </FormAlert>
                <Button onClick={retry}>{t('pay.tryAgain')}</Button>
              </div>
            )}
          </Match>
          <Match when={payment()}>
            {(p) => (
              <Following
                payment={p()}
                amount={amount()}
                courseHref={courseHref()}
                courseTitle={props.course.title}
                cancelledByPayer={cancelledByPayer()}
                onUpdate={setPayment}
                onRetry={retry}
              />
            )}
          </Match>
          <Match when={tenant().role === 'parent' && props.price.methods.length > 0}>
            <BuyFor
              courseId={props.course.id}
              render={(child) => (
                <Methods
                  course={props.course}
                  price={props.price}
                  forStudent={child}
                  onStarted={setPayment}
                />
              )}
            />
          </Match>
          <Match when={props.price.owned}>
            <Notice text={t('pay.owned')} href={courseHref()} action={t('pay.ownedAction')} />
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
  if (error.code === 'course_free') return t('pay.free')
  if (error.code === 'already_exists') return t('pay.alreadyPaid')
  return undefined
}

/** The course's ways to pay, for the caller or (a parent) for the chosen child. */
function Methods(props: {
  course: CourseDetail
  price: CourseAnswer
  /** A parent buys for this linked child; others buy for themselves. */
  forStudent?: () => string
  onStarted: (payment: Payment) => void
}) {
  const forStudent = () => (props.forStudent ? { for_student: props.forStudent() } : {})
  return (
    <PayMethods
      methods={props.price.methods}
      start={(body) => checkout(props.course.id, { ...body, ...forStudent() })}
      onStarted={props.onStarted}
      refusal={refusal}
    />
  )
}
