import { A } from '@solidjs/router'
import SearchX from 'lucide-solid/icons/search-x'
import { translator } from '../lib/i18n/i18n.ts'
import { Page } from '../ui/Page.tsx'
import { messages } from './messages.ts'
import { useApp } from './state/AppContext.tsx'

const t = translator(messages)

/** Any path that is not a page. */
export default function NotFound() {
  const { session } = useApp()
  return (
    <Page docTitle={t('notFound.title')} width="narrow">
      <div class="py-10 text-center">
        <SearchX size={40} class="mx-auto text-muted" />
        <h1 class="mt-4 text-2xl font-bold">{t('notFound.title')}</h1>
        <p class="mt-2 text-muted">{t('notFound.body')}</p>
        <A href={session.user() ? '/app' : '/'} class="btn-primary mt-6">
          {session.user() ? t('notFound.toDashboard') : t('notFound.toHome')}
        </A>
      </div>
    </Page>
  )
}
