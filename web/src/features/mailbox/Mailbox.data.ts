import { query, type RoutePreloadFuncArgs } from '@solidjs/router'
import { fetchMailbox } from './api.ts'

/** The local mailbox, optionally for one recipient. */
export const getMailbox = query((to: string) => fetchMailbox(to), 'mailbox')

export function preloadMailbox({ location }: RoutePreloadFuncArgs) {
  void getMailbox(new URLSearchParams(location.search).get('to') ?? '').catch(() => {})
}
