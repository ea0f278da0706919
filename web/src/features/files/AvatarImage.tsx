import { createResource, type JSX, Show } from 'solid-js'
import { signedUrls } from './storage.ts'

/**
 * A person's picture from the avatars bucket, signed for the viewer; `fallback` (their initials)
 * while it loads, when there is none, or when it cannot be shown.
 */
export function AvatarImage(props: { path?: string | null; class: string; fallback: JSX.Element }) {
  const [url] = createResource(
    () => props.path || undefined,
    async (path) => (await signedUrls([path])).get(path),
  )
  return (
    <Show when={!url.error && url()} fallback={props.fallback}>
      {(src) => <img src={src()} alt="" class={`${props.class} object-cover`} aria-hidden="true" />}
    </Show>
  )
}
