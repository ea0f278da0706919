import { A } from '@solidjs/router'
import SearchX from 'lucide-solid/icons/search-x'
import { Page } from '../ui/Page.tsx'
import { useApp } from './state/AppContext.tsx'

/** Any path that is not a page. */
export default function NotFound() {
  const { session } = useApp()
  return (
    <Page docTitle="Page not found" width="narrow">
      <div class="py-10 text-center">
        <SearchX size={40} class="mx-auto text-muted" />
        <h1 class="mt-4 text-2xl font-bold">Page not found</h1>
        <p class="mt-2 text-muted">The address may be mistyped, or the page has moved.</p>
        <A href={session.user() ? '/app' : '/'} class="btn-primary mt-6">
          {session.user() ? 'Go to your dashboard' : 'Go to the home page'}
        </A>
      </div>
    </Page>
  )
}
