import { Router } from '@solidjs/router'
import type { ParentProps } from 'solid-js'
import type { Runtime } from './lib/runtime.ts'
import { routes } from './routes.ts'
import { Shell } from './shell/layout/Shell.tsx'
import { AppProvider } from './shell/state/AppContext.tsx'

/** Mounts the router; the app state lives inside it (its slices use router queries). */
export function App(props: { runtime: Runtime }) {
  const Root = (rootProps: ParentProps) => (
    <AppProvider runtime={props.runtime}>
      <Shell>{rootProps.children}</Shell>
    </AppProvider>
  )
  return <Router root={Root}>{routes}</Router>
}
