import type { ConversationPerson } from '../../../../../edge/contract/messages.ts'
import { Avatar } from '../../../ui/Avatar.tsx'
import { AvatarImage } from '../../files/AvatarImage.tsx'

/** A person's picture, or their initials on a colour of their own. */
export function PersonAvatar(props: { person: Pick<ConversationPerson, 'id' | 'name' | 'avatar_path'> }) {
  return (
    <AvatarImage
      path={props.person.avatar_path}
      class="size-9 shrink-0 rounded-full"
      fallback={<Avatar userId={props.person.id ?? 'gone'} name={props.person.name || '?'} />}
    />
  )
}
