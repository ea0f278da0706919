import './styles.css'
import { render } from 'solid-js/web'
import { App } from './App.tsx'
import { errorMessage } from './api/errors.ts'
import { loadConfig } from './lib/config.ts'
import { initRuntime } from './lib/runtime.ts'

const root = document.getElementById('root')!

function BootError(props: { message: string }) {
  return (
    <div class="mx-auto max-w-lg px-6 py-20 text-center">
      <h1 class="text-2xl font-bold">Kipindi could not start</h1>
      <p class="mt-3 text-muted">{props.message}</p>
      <button type="button" class="btn-primary mt-6" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  )
}

loadConfig(fetch, import.meta.env, location.origin)
  .then((config) => {
    const runtime = initRuntime(config)
    render(() => <App runtime={runtime} />, root)
  })
  .catch((error) => render(() => <BootError message={errorMessage(error)} />, root))
