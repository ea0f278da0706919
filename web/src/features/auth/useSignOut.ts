import { useNavigate } from '@solidjs/router'
import { errorMessage } from '../../api/errors.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { useApp } from '../../shell/state/AppContext.tsx'
import { toast } from '../../ui/Toaster.tsx'
import { messages } from './messages.ts'

const t = translator(messages)

/** Signs out here (`local`) or on every device (`global`), leaving for `to` (the landing page by default). */
export function useSignOut() {
  const { supabase } = useApp()
  const navigate = useNavigate()
  return async (scope: 'local' | 'global' = 'local', to = '/') => {
    // Leave the signed-in pages first, so they do not bounce to the sign-in form on the way out.
    navigate(to, { replace: true })
    const { error } = await supabase.auth.signOut({ scope })
    // supabase-js forgets the session locally even when the server call fails.
    if (error) toast.error(t('signOut.localOnly'), errorMessage(error))
    else toast.success(t(scope === 'global' ? 'signOut.everywhere' : 'signOut.done'))
  }
}
