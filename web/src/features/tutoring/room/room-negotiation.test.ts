import { describe, expect, it } from 'vitest'
import type { SignalEvent } from '../../../../../edge/contract/tutoring.ts'
import {
  candidateSignal,
  createNegotiator,
  isPolite,
  type NegotiationPc,
  type Negotiator,
} from './room-negotiation.ts'

/**
 * A stand-in for the browser's RTCPeerConnection that follows the JSEP signalling states (stable,
 * have-local-offer, have-remote-offer, implicit rollback of a local offer by a remote one) and fires
 * negotiationneeded while it wants to send something the peer has not accepted yet.
 */
class FakePc implements NegotiationPc {
  signalingState: RTCSignalingState = 'stable'
  localDescription: { type: RTCSdpType; sdp: string } | null = null
  remoteDescription: RTCSessionDescriptionInit | null = null
  candidates: RTCIceCandidateInit[] = []
  offersMade = 0
  /** Changes (e.g. tracks) waiting to be carried by an offer of ours. */
  pending = 0
  onnegotiationneeded: (() => void) | null = null
  private inFlight = 0

  constructor(readonly name: string) {}

  /** Something changed (addTrack, restartIce): an offer is needed. */
  change() {
    this.pending++
    this.maybeNeedNegotiation()
  }

  private maybeNeedNegotiation() {
    if (this.pending > 0 && this.signalingState === 'stable')
      setTimeout(() => this.signalingState === 'stable' && this.pending > 0 && this.onnegotiationneeded?.())
  }

  async setLocalDescription(): Promise<void> {
    await Promise.resolve()
    if (this.signalingState === 'stable') {
      this.offersMade++
      this.inFlight = this.pending
      this.localDescription = { type: 'offer', sdp: `${this.name}-offer-${this.offersMade}` }
      this.signalingState = 'have-local-offer'
    } else if (this.signalingState === 'have-remote-offer') {
      this.localDescription = { type: 'answer', sdp: `${this.name}-answer` }
      this.signalingState = 'stable'
      this.maybeNeedNegotiation()
    } else throw new Error(`InvalidStateError: setLocalDescription in ${this.signalingState}`)
  }

  async setRemoteDescription(d: RTCSessionDescriptionInit): Promise<void> {
    await Promise.resolve()
    if (d.type === 'offer') {
      if (this.signalingState === 'have-local-offer') {
        // Implicit rollback: our offer is withdrawn; what it carried is still pending.
        this.localDescription = null
        this.signalingState = 'stable'
      }
      if (this.signalingState !== 'stable')
        throw new Error(`InvalidStateError: offer in ${this.signalingState}`)
      this.remoteDescription = d
      this.signalingState = 'have-remote-offer'
    } else if (d.type === 'answer') {
      if (this.signalingState !== 'have-local-offer')
        throw new Error(`InvalidStateError: answer in ${this.signalingState}`)
      this.remoteDescription = d
      this.pending -= this.inFlight
      this.signalingState = 'stable'
      this.maybeNeedNegotiation()
    }
  }

  async addIceCandidate(c: RTCIceCandidateInit): Promise<void> {
    if (!this.remoteDescription) throw new Error('InvalidStateError: no remote description')
    this.candidates.push(c)
  }
}

/** Two peers wired together through an asynchronous "network" that records every signal. */
function pair(idA: string, idB: string) {
  const log: string[] = []
  const errors: unknown[] = []
  const a = new FakePc('a')
  const b = new FakePc('b')
  const negotiators: Record<'a' | 'b', Negotiator> = {} as never
  const wire = (from: 'a' | 'b', pc: FakePc, me: string, peer: string) => {
    const to = from === 'a' ? 'b' : 'a'
    const n = createNegotiator({
      pc,
      polite: isPolite(me, peer),
      send: (signal: SignalEvent) => {
        log.push(`${from}->${to} ${signal.description?.type ?? 'candidate'}`)
        setTimeout(() => void negotiators[to].receive(signal).catch((e) => errors.push(e)), 1)
      },
      onError: (e) => errors.push(e),
    })
    pc.onnegotiationneeded = () => void n.negotiationNeeded()
    negotiators[from] = n
  }
  wire('a', a, idA, idB)
  wire('b', b, idB, idA)
  return { a, b, log, errors, negotiators }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50))

describe('perfect negotiation between two browsers', () => {
  it('decides politeness by the user ids, one polite side per pair', () => {
    const x = '00000000-0000-4000-a000-000000000004'
    const y = '00000000-0000-4000-a000-000000000007'
    expect(isPolite(x, y)).toBe(true)
    expect(isPolite(y, x)).toBe(false)
  })

  it('connects when one side offers', async () => {
    const { a, b, log, errors } = pair('1', '2')
    a.change()
    await settle()
    expect(log).toEqual(['a->b offer', 'b->a answer'])
    expect([a.signalingState, b.signalingState]).toEqual(['stable', 'stable'])
    expect(a.pending).toBe(0)
    expect(errors).toEqual([])
  })

  it('resolves a collision: the polite side rolls back and answers, then sends its own offer', async () => {
    // '1' < '2': a is polite, b is impolite.
    const { a, b, log, errors } = pair('1', '2')
    a.change()
    b.change()
    await settle()
    expect(errors).toEqual([])
    expect([a.signalingState, b.signalingState]).toEqual(['stable', 'stable'])
    // Both changes were carried by an accepted offer in the end.
    expect([a.pending, b.pending]).toEqual([0, 0])
    // b's offer won the collision; a's first offer was ignored and made again afterwards.
    expect(log).toEqual(['a->b offer', 'b->a offer', 'a->b answer', 'a->b offer', 'b->a answer'])
    expect(a.offersMade).toBe(2)
    expect(b.offersMade).toBe(1)
  })

  it('applies candidates after the description they belong to, and drops those of an ignored offer', async () => {
    const { a, b, negotiators, errors } = pair('1', '2')
    a.change()
    await settle()
    await negotiators.b.receive(
      candidateSignal({ candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host', sdpMid: '0' }),
    )
    expect(b.candidates).toHaveLength(1)
    expect(b.candidates[0]).toMatchObject({ sdpMid: '0', sdpMLineIndex: null, usernameFragment: null })

    // b (impolite) ignores a colliding offer; its candidates fail quietly.
    b.change()
    await Promise.resolve()
    await b.setLocalDescription()
    b.remoteDescription = null
    await negotiators.b.receive({ description: { type: 'offer', sdp: 'late' } })
    await negotiators.b.receive(candidateSignal({ candidate: 'candidate:2', sdpMid: '0' }))
    expect(errors).toEqual([])
    expect(a.signalingState).toBe('stable')
  })

  it('rejects a signal it cannot apply and keeps applying the next ones', async () => {
    const { b, negotiators } = pair('1', '2')
    // An answer with no offer out: the fake, like a browser, refuses it.
    await expect(negotiators.b.receive({ description: { type: 'answer', sdp: 'stray' } })).rejects.toThrow(
      /InvalidStateError/,
    )
    await negotiators.b.receive({ description: { type: 'offer', sdp: 'fresh' } })
    expect(b.signalingState).toBe('stable')
    expect(b.localDescription?.type).toBe('answer')
  })

  it('stops sending once closed', async () => {
    const { a, log, negotiators } = pair('1', '2')
    negotiators.a.close()
    a.change()
    await settle()
    expect(log).toEqual([])
  })
})
