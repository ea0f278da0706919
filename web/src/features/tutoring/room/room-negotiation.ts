import type { SignalEvent } from '../../../../../edge/contract/tutoring.ts'

// "Perfect negotiation" (W3C WebRTC spec §10.1, MDN) for one pair of browsers in a mesh room: either
// side may renegotiate at any time (a track added, an ICE restart); when both send an offer at once
// the polite side gives way (rolls back and answers) and the impolite side ignores the other offer.
// Who is polite is decided by comparing the two user ids, so both agree without talking.

/** The part of an RTCPeerConnection negotiation needs (a fake one fits, for tests). */
export interface NegotiationPc {
  readonly signalingState: RTCSignalingState
  readonly localDescription: { type: RTCSdpType; sdp: string } | null
  setLocalDescription(description?: RTCLocalSessionDescriptionInit): Promise<void>
  setRemoteDescription(description: RTCSessionDescriptionInit): Promise<void>
  addIceCandidate(candidate: RTCIceCandidateInit): Promise<void>
}

/** True when `me` gives way to `peer` in a collision; exactly one of any two ids is polite. */
export const isPolite = (me: string, peer: string): boolean => me < peer

export interface NegotiatorOptions {
  pc: NegotiationPc
  polite: boolean
  /** Sends a signal to the peer (over the live channel). */
  send: (signal: SignalEvent) => void
  /** Making an offer failed (logged; the next negotiationneeded tries again). */
  onError?: (error: unknown) => void
}

/** An ICE candidate in the contract's shape (what RTCIceCandidate.toJSON gives). */
export function candidateSignal(c: RTCIceCandidateInit): SignalEvent {
  return {
    candidate: {
      candidate: c.candidate ?? '',
      sdpMid: c.sdpMid ?? null,
      sdpMLineIndex: c.sdpMLineIndex ?? null,
      usernameFragment: c.usernameFragment ?? null,
    },
  }
}

/** Runs perfect negotiation on one peer connection; wire `negotiationNeeded` and `receive` to it. */
export function createNegotiator({ pc, polite, send, onError = () => {} }: NegotiatorOptions) {
  let makingOffer = false
  let ignoreOffer = false
  let closed = false
  // Signals are applied one at a time, in the order they arrived.
  let queue: Promise<void> = Promise.resolve()

  function sendLocal() {
    const d = pc.localDescription
    if (d && !closed) send({ description: { type: d.type, sdp: d.sdp } })
  }

  async function apply(signal: SignalEvent) {
    if (closed) return
    const { description, candidate } = signal
    if (description) {
      const readyForOffer = !makingOffer && pc.signalingState === 'stable'
      const collision = description.type === 'offer' && !readyForOffer
      ignoreOffer = !polite && collision
      if (ignoreOffer) return
      // A polite side with an offer out rolls it back implicitly here.
      await pc.setRemoteDescription(description as RTCSessionDescriptionInit)
      if (description.type === 'offer') {
        await pc.setLocalDescription()
        sendLocal()
      }
    } else if (candidate) {
      try {
        await pc.addIceCandidate(candidate)
      } catch (error) {
        // Candidates of an offer we ignored fail to apply; that is expected.
        if (!ignoreOffer) throw error
      }
    }
  }

  return {
    polite,
    /** Call from `pc.onnegotiationneeded`: makes and sends an offer. */
    async negotiationNeeded() {
      if (closed) return
      try {
        makingOffer = true
        await pc.setLocalDescription()
        sendLocal()
      } catch (error) {
        onError(error)
      } finally {
        makingOffer = false
      }
    },
    /**
     * A signal from the peer, applied after those before it. Rejects when it could not be applied
     * (e.g. an offer from a connection the peer made anew); later signals still go through.
     */
    receive(signal: SignalEvent): Promise<void> {
      const applied = queue.then(() => apply(signal))
      queue = applied.catch(() => {})
      return applied
    },
    close() {
      closed = true
    },
  }
}

export type Negotiator = ReturnType<typeof createNegotiator>
