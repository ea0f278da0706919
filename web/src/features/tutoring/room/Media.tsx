import { createEffect, onCleanup } from 'solid-js'

// <video> and <audio> bound to a MediaStream (srcObject is a property, not an attribute).

/** A muted, inline, autoplaying video of a stream; `mirror` for my own camera. */
export function StreamVideo(props: {
  stream?: MediaStream
  mirror?: boolean
  fit?: 'cover' | 'contain'
  class?: string
  label?: string
  testId?: string
}) {
  let el!: HTMLVideoElement
  createEffect(() => {
    const stream = props.stream ?? null
    if (el.srcObject !== stream) el.srcObject = stream
    // Autoplay of muted video is allowed everywhere; play() covers browsers that wait for it.
    if (stream) void el.play().catch(() => {})
  })
  onCleanup(() => {
    el.srcObject = null
  })
  return (
    <video
      ref={(v) => {
        el = v
        v.muted = true
      }}
      autoplay
      playsinline
      muted
      aria-label={props.label}
      data-testid={props.testId}
      class={`size-full ${props.fit === 'contain' ? 'object-contain' : 'object-cover'} ${props.mirror ? '-scale-x-100' : ''} ${props.class ?? ''}`}
    />
  )
}

/**
 * Plays a remote person's sound. Browsers may refuse to play sound before the page was clicked;
 * `onBlocked` lets the room offer a button that starts it.
 */
export function StreamAudio(props: { stream?: MediaStream; onBlocked?: () => void; resume?: number }) {
  let el!: HTMLAudioElement
  createEffect(() => {
    void props.resume
    const stream = props.stream ?? null
    if (el.srcObject !== stream) el.srcObject = stream
    if (stream)
      void el.play().catch((error: unknown) => {
        if (error instanceof DOMException && error.name === 'NotAllowedError') props.onBlocked?.()
      })
  })
  onCleanup(() => {
    el.srcObject = null
  })
  // biome-ignore lint/a11y/useMediaCaption: live room sound; there is no caption track to give
  return <audio ref={el} autoplay class="hidden" />
}
