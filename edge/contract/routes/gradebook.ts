import * as G from '../gradebook.ts'
import { CourseParams } from './courses.ts'
import { route } from './route.ts'

// A course's gradebook: read (teachers: everyone; students: their own released results; parents:
// a linked child's with ?student=), categories (editors), overrides (graders).

export const getGradebook = route({
  method: 'get',
  path: '/courses/{id}/gradebook',
  params: CourseParams,
  query: G.GradebookQuery,
  responses: { 200: G.Gradebook },
})

export const putGradebookCategories = route({
  method: 'put',
  path: '/courses/{id}/gradebook/categories',
  params: CourseParams,
  body: G.CategoriesBody,
  responses: { 200: G.Gradebook },
})

export const putGradeOverride = route({
  method: 'put',
  path: '/courses/{id}/gradebook/overrides',
  params: CourseParams,
  body: G.OverrideBody,
  responses: { 200: G.Gradebook },
})
