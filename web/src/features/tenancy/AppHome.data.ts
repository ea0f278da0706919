import { getMe, preloadSignedIn } from '../../api/queries.ts'

export { getMe }

export function preloadAppHome() {
  preloadSignedIn(() => getMe())
}
