import { getOwner, runWithOwner } from 'solid-js'

/**
 * auth's `useSignOut`, loaded when first used: it brings the toasts, which the first screen does
 * not need. Call it where a hook may be called; the hook runs later under the same owner, so it
 * still finds the router and the app state.
 */
export function useLazySignOut() {
  const owner = getOwner()
  return async (scope?: 'local' | 'global') => {
    const { useSignOut } = await import('../../features/auth/useSignOut.ts')
    await runWithOwner(owner, useSignOut)?.(scope)
  }
}
