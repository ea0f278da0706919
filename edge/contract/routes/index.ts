import * as admin from './admin.ts'
import * as ai from './ai.ts'
import * as assessments from './assessments.ts'
import * as assessmentsJobs from './assessments-jobs.ts'
import * as assignmentGroups from './assignment-groups.ts'
import * as assignments from './assignments.ts'
import * as audit from './audit.ts'
import * as certificates from './certificates.ts'
import * as classes from './classes.ts'
import * as courses from './courses.ts'
import * as dataRights from './data-rights.ts'
import * as forum from './forum.ts'
import * as gradeSuggestions from './grade-suggestions.ts'
import * as gradebook from './gradebook.ts'
import * as guardians from './guardians.ts'
import * as home from './home.ts'
import * as lessonComments from './lesson-comments.ts'
import * as logbook from './logbook.ts'
import * as messages from './messages.ts'
import * as meta from './meta.ts'
import * as payments from './payments.ts'
import * as profiles from './profiles.ts'
import * as pupils from './pupils.ts'
import * as reports from './reports.ts'
import type { Route } from './route.ts'
import * as similarity from './similarity.ts'
import * as submissionTexts from './submission-texts.ts'
import * as support from './support.ts'
import * as tenancy from './tenancy.ts'
import * as tutoring from './tutoring.ts'

/** Keeps the module's route objects: its other exports (parameter schemas) are not routes. */
type RoutesOf<M> = { [K in keyof M as M[K] extends Route ? K : never]: M[K] }

const pick = <M extends object>(module: M) =>
  Object.fromEntries(
    Object.entries(module).filter(([, value]) => typeof value === 'object' && value && 'method' in value),
  ) as RoutesOf<M>

/** Every route of the api function, by name: the one route table. */
export const routes = {
  ...pick(meta),
  ...pick(tenancy),
  ...pick(courses),
  ...pick(tutoring),
  ...pick(support),
  ...pick(home),
  ...pick(ai),
  ...pick(payments),
  ...pick(guardians),
  ...pick(assessments),
  ...pick(assessmentsJobs),
  ...pick(assignments),
  ...pick(assignmentGroups),
  ...pick(gradebook),
  ...pick(certificates),
  ...pick(similarity),
  ...pick(submissionTexts),
  ...pick(gradeSuggestions),
  ...pick(admin),
  ...pick(classes),
  ...pick(audit),
  ...pick(pupils),
  ...pick(messages),
  ...pick(profiles),
  ...pick(dataRights),
  ...pick(forum),
  ...pick(lessonComments),
  ...pick(logbook),
  ...pick(reports),
}
export type Routes = typeof routes
