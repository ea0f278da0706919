import { roomRoleLabel } from '../../../lib/format.ts'
import { translator } from '../../../lib/i18n/i18n.ts'
import type { RoomController } from './createRoom.ts'
import { messages } from './messages.ts'
import type { RoomState } from './room-transport.ts'
import type { Tile } from './VideoGrid.tsx'

const t = translator(messages)

/**
 * The grid's tiles: mine first (observers have none), then everyone else who is not an observer,
 * with who speaks, who raised a hand and whose link is unstable. With the data saver on, the others'
 * tiles have no video (their initials show).
 */
export function roomTiles(room: RoomController, s: RoomState): Tile[] {
  const list: Tile[] = []
  if (room.role() !== 'observer')
    list.push({
      id: room.me.id,
      name: room.me.name,
      avatar: room.avatarOf(room.me.id),
      tag: t('you'),
      local: true,
      video: s.local.video,
      micOn: s.local.micOn,
      cameraOn: s.local.cameraOn,
      screen: s.local.screen,
      speaking: s.speaker === room.me.id && s.local.micOn,
      hand: room.myHand(),
      unstable: false,
    })
  for (const p of Object.values(s.peers)) {
    if (p.role === 'observer') continue
    list.push({
      id: p.id,
      name: room.nameOf(p.id),
      avatar: room.avatarOf(p.id),
      tag: p.role === 'moderator' ? roomRoleLabel(p.role) : undefined,
      local: false,
      video: room.dataSaver() ? undefined : p.video,
      micOn: p.micOn,
      cameraOn: p.cameraOn,
      screen: p.screen,
      speaking: s.speaker === p.id,
      hand: !!room.hands[p.id],
      unstable: p.link === 'unstable',
    })
  }
  return list
}
