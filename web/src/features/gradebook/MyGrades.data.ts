import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { getTenantBySlug, preloadSignedIn } from '../../api/queries.ts'
import { getChildren } from '../guardians/api.ts'
import { loadGradebook } from './api.ts'
import { childrenInCourse } from './children.ts'

export { getChildren, loadGradebook }

/**
 * Starts loading the grades with the page code: the child named by `?student=`, else (a parent)
 * their children and then the first one's; a student's own (teachers are only pointed to the gradebook).
 */
export function preloadMyGrades({ params, location }: RoutePreloadFuncArgs) {
  const id = params.courseId
  const slug = params.slug ?? ''
  const student = typeof location.query.student === 'string' ? location.query.student : undefined
  if (!id) return
  preloadSignedIn(() => {
    if (student) return void loadGradebook(id, student).catch(() => {})
    void getTenantBySlug(slug)
      .then(async (tenant) => {
        if (tenant.role === 'student') return loadGradebook(id)
        if (tenant.role !== 'parent') return
        const first = childrenInCourse(await getChildren(tenant.id), id)[0]
        if (first) return loadGradebook(id, first.user_id)
      })
      .catch(() => {})
  })
}
