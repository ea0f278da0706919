import { query } from '@solidjs/router'
import type { CategoriesBody, Gradebook, OverrideBody } from '../../../../edge/contract/gradebook.ts'
import { api } from '../../lib/runtime.ts'

// The gradebook's calls to the api function (edge/contract/routes/gradebook.ts). Both writes answer
// the whole gradebook again, so a page shows their answer instead of asking once more.

/**
 * A course's gradebook: every student for its teachers; the caller's own row for a student; a
 * linked child's row for a parent (`student`).
 */
export const getGradebook = query(
  (courseId: string, student?: string) =>
    api().get('/courses/:id/gradebook', { params: { id: courseId }, query: student ? { student } : {} }),
  'gradebook',
)

/**
 * The gradebook for one page: the caller's own view, or a parent's child's. Always called this way,
 * so that a missing `student` and no `student` are one cache entry.
 */
export const loadGradebook = (courseId: string, student?: string) =>
  student ? getGradebook(courseId, student) : getGradebook(courseId)

/** The query key of what `loadGradebook(courseId, student)` caches. */
export const gradebookKey = (courseId: string, student?: string): string =>
  student ? getGradebook.keyFor(courseId, student) : getGradebook.keyFor(courseId)

/** Replaces the course's categories (with the items each holds); answers the gradebook. */
export const saveCategories = (courseId: string, body: CategoriesBody): Promise<Gradebook> =>
  api().put('/courses/:id/gradebook/categories', body, { params: { id: courseId } })

/** Sets (or, with `percent: null`, removes) a student's override of one cell or the total. */
export const saveOverride = (courseId: string, body: OverrideBody): Promise<Gradebook> =>
  api().put('/courses/:id/gradebook/overrides', body, { params: { id: courseId } })

/** Keeps a write's answer as the cached gradebook, so going away and back shows it at once. */
export const keepGradebook = (gradebook: Gradebook) => query.set(gradebookKey(gradebook.course_id), gradebook)
