import { query } from '@solidjs/router'
import type { SchoolStatus } from '../../../../edge/contract/admin.ts'
import { api } from '../../lib/runtime.ts'

/**
 * A school's status as its members read it, also while it is suspended (when the school itself is
 * closed to them); null when it cannot be read (not a member, offline): the school's own load
 * then says what is wrong.
 */
export const getSchoolStatus = query(
  (slug: string): Promise<SchoolStatus | null> =>
    api()
      .get('/schools/:slug/status', { params: { slug } })
      .catch(() => null),
  'schoolStatus',
)
