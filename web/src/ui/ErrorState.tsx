import { A } from '@solidjs/router'
import CircleAlert from 'lucide-solid/icons/circle-alert'
import Lock from 'lucide-solid/icons/lock'
import SearchX from 'lucide-solid/icons/search-x'
import WifiOff from 'lucide-solid/icons/wifi-off'
import { createSignal, type JSX, Match, Show, Switch } from 'solid-js'
import { errorMessage, errorStatus } from '../api/errors.ts'
import { translator } from '../lib/i18n/i18n.ts'
import { useApp } from '../shell/state/AppContext.tsx'
import { Button } from './Button.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

function titleFor(status: number | undefined): string {
  switch (status) {
    case 0:
      return t('error.unreachable')
    case 401:
      return t('error.signInAgain')
    case 403:
      return t('error.noAccess')
    case 404:
      return t('error.notFound')
    case 410:
      return t('error.gone')
    default:
      return t('error.generic')
  }
}

/** An error with the server's own message and a way forward (retry, sign in, go home). */
export function ErrorState(props: {
  error: unknown
  onRetry?: () => void | Promise<void>
  title?: string
  children?: JSX.Element
}) {
  const { session } = useApp()
  const status = () => errorStatus(props.error)
  const [retrying, setRetrying] = createSignal(false)
  const retry = async () => {
    setRetrying(true)
    try {
      await props.onRetry?.()
    } finally {
      setRetrying(false)
    }
  }
  return (
    <div role="alert" class="card mx-auto flex max-w-xl flex-col items-center px-6 py-10 text-center">
      <div class="mb-4 rounded-full bg-danger-soft p-3 text-danger">
        <Switch fallback={<CircleAlert size={24} />}>
          <Match when={status() === 0}>
            <WifiOff size={24} />
          </Match>
          <Match when={status() === 403 || status() === 401}>
            <Lock size={24} />
          </Match>
          <Match when={status() === 404}>
            <SearchX size={24} />
          </Match>
        </Switch>
      </div>
      <h2 class="text-lg font-semibold">{props.title ?? titleFor(status())}</h2>
      <p class="mt-2 text-muted">{errorMessage(props.error)}</p>
      {props.children}
      <div class="mt-6 flex flex-wrap justify-center gap-3">
        <Show when={status() === 401}>
          <A
            href={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`}
            class="btn-primary"
          >
            {t('error.signIn')}
          </A>
        </Show>
        <Show when={props.onRetry && status() !== 403 && status() !== 404}>
          <Button variant={status() === 401 ? 'secondary' : 'primary'} pending={retrying()} onClick={retry}>
            {t('error.retry')}
          </Button>
        </Show>
        <Show when={status() === 403 || status() === 404}>
          <A href={session.user() ? '/app' : '/'} class="btn-secondary">
            {session.user() ? t('error.toDashboard') : t('error.toHome')}
          </A>
        </Show>
      </div>
    </div>
  )
}
