import { lazy, Suspense } from 'solid-js'
import type { FileRef } from './AttachmentList.tsx'

const AttachmentList = lazy(() => import('./AttachmentList.tsx').then((m) => ({ default: m.AttachmentList })))

/** AttachmentList, loaded with the first message that has files (most conversations have none). */
export function LazyAttachmentList(props: { files: FileRef[] }) {
  return (
    <Suspense>
      <AttachmentList files={props.files} />
    </Suspense>
  )
}
