import { query } from '@solidjs/router'
import type { NotificationSetting } from '../../../../edge/contract/support.ts'
import { api } from '../../lib/runtime.ts'

// The account's own settings kept on the server.

/** Where each kind of notification reaches me (every kind, my choice or the default). */
export const getNotificationSettings = query(
  () => api().get('/me/notification-settings'),
  'notificationSettings',
)

/** Saves where one kind reaches me; answers every kind as now saved. */
export const saveNotificationSetting = (setting: NotificationSetting) =>
  api().put('/me/notification-settings', { settings: [setting] })
