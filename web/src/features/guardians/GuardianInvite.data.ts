import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getGuardianInvitationPreview } from './api.ts'

/** Starts loading what a guardian invitation link is for (public: works signed out). */
export function preloadGuardianInvite({ params }: RoutePreloadFuncArgs) {
  void getGuardianInvitationPreview(params.token ?? '').catch(() => {})
}
