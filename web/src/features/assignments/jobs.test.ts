import { describe, expect, it } from 'vitest'
import type { GradingJob } from '../../../../edge/contract/assessments-jobs.ts'
import { applyJobEvent, isActive, parseJobEvent } from './jobs.ts'

const job = (over: Partial<GradingJob> = {}): GradingJob => ({
  id: 'j1',
  kind: 'ocr',
  assignment_id: 'a1',
  submission_id: 's1',
  status: 'queued',
  progress: 0,
  attempts: 0,
  error: null,
  created_at: '2026-12-07T08:00:00Z',
  updated_at: '2026-12-07T08:00:00Z',
  finished_at: null,
  ...over,
})

describe('grading job events', () => {
  it('reads a job event and refuses anything else', () => {
    const data = { id: 'j1', kind: 'ocr', submission_id: 's1', status: 'running', progress: 40, error: null }
    expect(parseJobEvent('job', data)).toEqual(data)
    expect(
      parseJobEvent('job', { ...data, submission_id: null, kind: 'similarity' })?.submission_id,
    ).toBeNull()
    expect(parseJobEvent('outline', data)).toBeUndefined()
    expect(parseJobEvent('job', { ...data, status: 'paused' })).toBeUndefined()
    expect(parseJobEvent('job', { ...data, kind: 'grade' })).toBeUndefined()
    expect(parseJobEvent('job', { ...data, progress: '40' })).toBeUndefined()
    expect(parseJobEvent('job', null)).toBeUndefined()
  })

  it('applies an event to the job it names; an unknown job asks for a reload', () => {
    const list = [job(), job({ id: 'j2', kind: 'similarity', submission_id: null })]
    const e = {
      id: 'j1',
      kind: 'ocr' as const,
      submission_id: 's1',
      status: 'failed' as const,
      progress: 30,
      error: 'Unreadable.',
    }
    const next = applyJobEvent(list, e)
    expect(next?.[0]).toMatchObject({
      status: 'failed',
      progress: 30,
      error: 'Unreadable.',
      created_at: list[0]?.created_at,
    })
    expect(next?.[1]).toBe(list[1])
    expect(list[0]?.status).toBe('queued')
    expect(applyJobEvent(list, { ...e, id: 'j3' })).toBeUndefined()
  })

  it('counts queued and running jobs as active', () => {
    expect(
      ['queued', 'running', 'done', 'failed'].map((status) => isActive({ status } as GradingJob)),
    ).toEqual([true, true, false, false])
  })
})
