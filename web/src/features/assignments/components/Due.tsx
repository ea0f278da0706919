import { Match, Switch } from 'solid-js'
import type { Assignment } from '../../../../../edge/contract/assignments.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import { formatSchoolTime as formatDue } from '../../../lib/school-time.ts'
import { messages } from '../messages.ts'
import { dueState } from '../status.ts'

const t = translator(messages)

type DueFacts = Pick<Assignment, 'due_at' | 'late_policy' | 'late_penalty_percent'>

/** "Due Thu 10 Dec, 15:00" or "No due date". */
export const dueText = (a: DueFacts, zone: string | undefined) =>
  a.due_at ? t('due.at', { time: formatDue(a.due_at, zone) }) : t('due.none')

/** After the due time: "Late — penalty 10%" or "Closed", by the late policy; nothing before it. */
export function DueBadge(props: { assignment: DueFacts; now?: number }) {
  const state = () => dueState(props.assignment, props.now ?? Date.now())
  return (
    <Switch>
      <Match when={state() === 'late'}>
        <span class="badge bg-warn-soft text-warn">
          {props.assignment.late_penalty_percent > 0
            ? t('due.late', { percent: props.assignment.late_penalty_percent })
            : t('due.lateFree')}
        </span>
      </Match>
      <Match when={state() === 'closed'}>
        <span class="badge bg-danger-soft text-danger">{t('due.closed')}</span>
      </Match>
    </Switch>
  )
}
