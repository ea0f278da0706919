import { Index, Show } from 'solid-js'
import { translator } from '../../../lib/i18n/i18n.ts'
import { messages } from './messages.ts'
import { phoneStage } from './room-stage.ts'
import { type Tile, VideoTile } from './VideoGrid.tsx'

const t = translator(messages)

/**
 * The room on a phone (room-stage.ts): one person large, the rest of the room in a row above, and
 * my own camera small in the bottom corner.
 */
export function PhoneStage(props: { tiles: Tile[]; focus?: string }) {
  const stage = () => phoneStage(props.tiles, props.focus)
  return (
    <div role="group" aria-label={t('grid.label')} class="relative flex min-h-0 flex-1 flex-col gap-2">
      <Show when={stage().others.length > 0}>
        <ul aria-label={t('stage.others')} class="flex shrink-0 gap-2 overflow-x-auto">
          <Index each={stage().others}>
            {(tile) => (
              <li class="h-16 w-24 shrink-0">
                <VideoTile tile={tile()} compact />
              </li>
            )}
          </Index>
        </ul>
      </Show>
      <div class="min-h-0 flex-1">
        <Show when={stage().main}>{(main) => <VideoTile tile={main()} />}</Show>
      </div>
      <Show when={stage().self}>
        {(self) => (
          <div
            class="absolute right-2 bottom-2 z-[1] aspect-[3/4] h-[38%] max-h-40 rounded-xl shadow-lg ring-2 ring-black/40"
            data-testid="self-view"
          >
            <VideoTile tile={self()} compact />
          </div>
        )}
      </Show>
    </div>
  )
}
