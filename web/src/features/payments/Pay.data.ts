import type { RoutePreloadFuncArgs } from '@solidjs/router'
import { preloadSignedIn } from '../../api/queries.ts'
import { getCourse } from '../courses/api.ts'
import { getCoursePrice } from './api.ts'

export { getCourse, getCoursePrice }

/** Starts loading the course and its price with the page code. */
export function preloadPay({ params }: RoutePreloadFuncArgs) {
  const id = params.courseId
  if (id)
    preloadSignedIn(() => {
      void getCourse(id).catch(() => {})
      void getCoursePrice(id).catch(() => {})
    })
}
