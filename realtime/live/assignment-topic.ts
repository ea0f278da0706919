// An assignment's live topic (issue 16): `assignment:<id>` for the people who grade it — the
// course's editors and the school's owners, admins and instructors (private.can_grade_course,
// asked through public.assignment_live_access); never its students or their parents. Events come
// from the database only: `job {id, kind, submission_id, status, progress, error}` when one of its
// grading jobs is queued or changes (supabase/migrations/20261207000000_grading_jobs.sql).
import { type Sql, withUser } from '../../edge/lib/db.ts'
import { TopicForbidden, type TopicHandler, topicId } from './topics.ts'

/** What `public.assignment_live_access(assignment)` answers. */
type AssignmentLiveAccess = 'grader' | 'none' | 'missing'

/** `assignment:<id>`: its graders hear its grading jobs progress. */
export function assignmentTopics(sql: Sql): TopicHandler {
  return {
    name: 'assignment',
    matches: (topic) => topicId(topic, 'assignment') !== undefined,

    async authorize(conn, topic) {
      const assignment = topicId(topic, 'assignment')!
      const [row] = await withUser(
        sql,
        conn.claims,
        (tx) => tx`select public.assignment_live_access(${assignment}::uuid) as access`,
      )
      const access = row.access as AssignmentLiveAccess
      if (access === 'grader') return access
      if (access === 'missing') throw new TopicForbidden('No such assignment.')
      throw new TopicForbidden('Only the course’s teachers follow an assignment’s grading jobs.')
    },

    allows: (access) => access === 'grader',
  }
}
