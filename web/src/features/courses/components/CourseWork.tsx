import { Suspense } from 'solid-js'
import type { CourseDetail } from '../../../../../edge/contract/courses.ts'
import { Later } from '../../../ui/Later.tsx'
import { AssignmentsPanel } from '../../assignments/components/AssignmentsPanel.tsx'
import { ProgressCard } from '../../certificates/components/ProgressCard.tsx'
import { ForumLink } from '../../forum/components/ForumLink.tsx'
import { GradebookLink } from '../../gradebook/components/GradebookLink.tsx'
import { LogbookLink } from '../../logbook/components/LogbookLink.tsx'
import { QuizzesPanel } from '../../quizzes/components/QuizzesPanel.tsx'
import { CourseReportsLink } from '../../reports/components/CourseReportsLink.tsx'

/**
 * What the course asks of its students, below its outline: links to its discussion, the grades, the logbook and (teachers) its reports, their progress
 * towards a certificate, its quizzes and its assignments. One lazy chunk after the course page (Course.tsx), each part under its own
 * Suspense so a slow list does not hold the others, and each rendered in a task of its own (ui/Later.tsx).
 */
export function CourseWork(props: { course: CourseDetail }) {
  return (
    <>
      <Later>
        <div class="flex flex-wrap gap-2">
          <Suspense>
            <ForumLink course={props.course} />
          </Suspense>
          <Suspense>
            <GradebookLink course={props.course} />
          </Suspense>
          <Suspense>
            <LogbookLink course={props.course} />
          </Suspense>
          <Suspense>
            <CourseReportsLink course={props.course} />
          </Suspense>
        </div>
      </Later>
      <Later>
        <Suspense>
          <ProgressCard course={props.course} />
        </Suspense>
      </Later>
      <Later>
        <Suspense>
          <QuizzesPanel course={props.course} />
        </Suspense>
      </Later>
      <Later>
        <Suspense>
          <AssignmentsPanel course={props.course} />
        </Suspense>
      </Later>
    </>
  )
}
