import { Suspense } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { InviteParentForm } from './InviteParentForm.tsx'
import { parentMessages } from './parent-messages.ts'

const t = translator(parentMessages)

/** The admins' link dialog, on a student: invite a parent by email (waits in its own Suspense). */
export function AdminInviteParent(props: { tenantId: string; studentId: string }) {
  return (
    <div class="mt-6 border-t border-line pt-4">
      <h3 class="mb-2 text-sm font-medium">{t('invite.byEmail')}</h3>
      <Suspense fallback={null}>
        <InviteParentForm tenantId={props.tenantId} studentId={props.studentId} />
      </Suspense>
    </div>
  )
}
