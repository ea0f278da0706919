import { A, createAsync, useParams } from '@solidjs/router'
import ArrowLeft from 'lucide-solid/icons/arrow-left'
import { Show } from 'solid-js'
import { translator } from '../../lib/i18n/i18n.ts'
import { useTenant } from '../../shell/state/TenantContext.tsx'
import { Boundary } from '../../ui/Boundary.tsx'
import { usePageTitle } from '../../ui/Page.tsx'
import { PageSkeleton } from '../../ui/Skeleton.tsx'
import { BirthDateSection } from '../inbox/links/BirthDateSection.tsx'
import { MessageButton } from '../inbox/links/MessageButton.tsx'
import { ProfileCard } from './components/ProfileCard.tsx'
import { getMemberProfile } from './MemberProfile.data.ts'
import { messages } from './messages.ts'

const t = translator(messages)

/** /t/:slug/people/:userId — a member's profile card (a teacher's is their tutor card). */
export default function MemberProfile() {
  const params = useParams()
  const tenant = useTenant()
  const userId = () => params.userId ?? ''
  return (
    <div class="max-w-3xl space-y-6">
      <A href={`/t/${tenant().slug}/members`} class="link inline-flex items-center gap-1 text-sm">
        <ArrowLeft size={14} aria-hidden="true" />
        {t('card.back')}
      </A>
      <Boundary keys={getMemberProfile.keyFor(tenant().id, userId())} fallback={<PageSkeleton rows={3} />}>
        <Loaded tenantId={tenant().id} userId={userId()} />
      </Boundary>
    </div>
  )
}

function Loaded(props: { tenantId: string; userId: string }) {
  const profile = createAsync(() => getMemberProfile(props.tenantId, props.userId))
  usePageTitle(() => {
    const p = profile()
    return p ? t('card.docTitle', { name: p.display_name }) : undefined
  })
  return (
    <Show when={profile()}>
      {(p) => (
        <>
          <ProfileCard
            profile={p()}
            actions={
              p().can_message ? <MessageButton userId={props.userId} name={p().display_name} /> : undefined
            }
          />
          <Show when={p().role === 'student'}>
            <BirthDateSection tenantId={props.tenantId} userId={props.userId} />
          </Show>
        </>
      )}
    </Show>
  )
}
