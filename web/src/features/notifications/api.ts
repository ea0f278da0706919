import { api } from '../../lib/runtime.ts'

// The bell's calls. Plain calls, not cached router queries: the header must never suspend the
// page around it.

/** The signed-in person's newest notifications and how many are unread. */
export const fetchNotifications = (limit: number) => api().get('/notifications', { query: { limit } })

/** Marks some (or all) notifications read. */
export const markNotificationsRead = (ids: number[] | 'all') =>
  api().post('/notifications/read', ids === 'all' ? { all: true } : { ids })
