import { colorForUser } from '../lib/colors.ts'
import { initials } from '../lib/format.ts'

/** A round avatar with initials in the person's own colour (the one their caret uses). */
export function Avatar(props: { userId: string; name: string; size?: 'sm' | 'md'; color?: string }) {
  return (
    <span
      class={`grid shrink-0 place-items-center rounded-full font-semibold text-white ${props.size === 'sm' ? 'size-7 text-[0.65rem]' : 'size-9 text-xs'}`}
      style={{ 'background-color': props.color ?? colorForUser(props.userId) }}
      aria-hidden="true"
    >
      {initials(props.name)}
    </span>
  )
}
