// A course's live topic (issue 12): `course:<id>` for the people who may read the course — its
// co-authors, the school's owners, admins, staff and instructors, and its enrolled students (the
// outline's rule, private.can_see_outline, asked through public.course_live_access). Events come
// from the database only: `published {course_id, lesson_id, version}` when one of its lessons gets
// a new version, `outline {course_id}` when its modules or lessons change
// (supabase/migrations/20261205080000_course_live.sql).
import { type Sql, withUser } from '../../edge/lib/db.ts'
import { TopicForbidden, type TopicHandler, topicId } from './topics.ts'

/** What `public.course_live_access(course)` answers. */
type CourseLiveAccess = 'reader' | 'none' | 'missing'

/** `course:<id>`: readers of a course hear its lessons published and its outline change. */
export function courseTopics(sql: Sql): TopicHandler {
  return {
    name: 'course',
    matches: (topic) => topicId(topic, 'course') !== undefined,

    async authorize(conn, topic) {
      const course = topicId(topic, 'course')!
      const [row] = await withUser(
        sql,
        conn.claims,
        (tx) => tx`select public.course_live_access(${course}::uuid) as access`,
      )
      const access = row.access as CourseLiveAccess
      if (access === 'reader') return access
      if (access === 'missing') throw new TopicForbidden('No such course.')
      throw new TopicForbidden(
        'Only the course’s teachers, the school’s staff and the students enrolled in it follow it.',
      )
    },

    allows: (access) => access === 'reader',
  }
}
