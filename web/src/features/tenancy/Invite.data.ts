import { query, type RoutePreloadFuncArgs } from '@solidjs/router'
import { api } from '../../lib/runtime.ts'

/** What an invitation link is for (public: works signed out). */
export const getInvitationPreview = query(
  (token: string) => api().get('/invitations/preview', { query: { token } }),
  'invitationPreview',
)

export function preloadInvite({ params }: RoutePreloadFuncArgs) {
  void getInvitationPreview(params.token ?? '').catch(() => {})
}
