import { Router } from '@solidjs/router'
import type { ParentProps } from 'solid-js'
import { Shell } from './components/Layout/Shell.tsx'
import type { Runtime } from './lib/runtime.ts'
import { routes } from './routes.ts'
import { AppProvider } from './state/AppContext.tsx'

/** Mounts the router; the app state lives inside it (its slices use router queries). */
export function App(props: { runtime: Runtime }) {
  const Root = (rootProps: ParentProps) => (
    <AppProvider runtime={props.runtime}>
      <Shell>{rootProps.children}</Shell>
    </AppProvider>
  )
  return <Router root={Root}>{routes}</Router>
}
