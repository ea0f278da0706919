import { getMe } from '../api/queries.ts'

export { getMe }

export function preloadAppHome() {
  void getMe().catch(() => {})
}
