// The gradebook: a course's results, categories and overrides.
export { gradebookRoutes } from './gradebook.ts'
