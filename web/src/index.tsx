// First: zod must know it is jitless before any schema is made (lib/zod-jitless.ts).
import './lib/zod-jitless.ts'
import './styles.css'
import { render } from 'solid-js/web'
import { RUNTIME_CONFIG_ELEMENT_ID } from '../../edge/contract/runtime-config.ts'
import { App } from './App.tsx'
import { errorMessage } from './api/errors.ts'
import { loadConfig } from './lib/config.ts'
import { translator } from './lib/i18n/i18n.ts'
import { initRuntime } from './lib/runtime.ts'
import { messages } from './shell/messages.ts'
import { registerServiceWorker } from './sw/register.ts'

const t = translator(messages)

const root = document.getElementById('root')!
registerServiceWorker()

function BootError(props: { message: string }) {
  return (
    <div class="mx-auto max-w-lg px-6 py-20 text-center">
      <h1 class="text-2xl font-bold">{t('boot.failed')}</h1>
      <p class="mt-3 text-muted">{props.message}</p>
      <button type="button" class="btn-primary mt-6" onClick={() => location.reload()}>
        {t('boot.reload')}
      </button>
    </div>
  )
}

// The gateway puts the config inline (no round trip before anything loads); elsewhere it is fetched.
loadConfig(
  fetch,
  import.meta.env,
  location.origin,
  document.getElementById(RUNTIME_CONFIG_ELEMENT_ID)?.textContent,
)
  .then((config) => {
    const runtime = initRuntime(config)
    render(() => <App runtime={runtime} />, root)
  })
  .catch((error) => render(() => <BootError message={errorMessage(error)} />, root))
