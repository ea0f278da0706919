import { describe, expect, it } from 'vitest'
import type { GradingJob } from '../../../../edge/contract/assessments-jobs.ts'
import { applyJobEvent, isActive, mergeJobs, parseJobEvent } from './jobs.ts'

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

  it('keeps a job the page saw further along than a GET that was on its way (no "queued" after "done")', () => {
    const seen = [job({ status: 'done', progress: 100 }), job({ id: 'j2', status: 'running', progress: 60 })]
    const loaded = [
      job({ status: 'queued' }),
      job({ id: 'j2', status: 'running', progress: 20 }),
      job({ id: 'j3', kind: 'suggest' }),
    ]
    expect(mergeJobs(loaded, seen).map((j) => [j.id, j.status, j.progress])).toEqual([
      ['j1', 'done', 100],
      ['j2', 'running', 60],
      ['j3', 'queued', 0],
    ])
    expect(mergeJobs([job({ status: 'failed', progress: 10 })], seen)[0]?.status).toBe('failed')
    expect(mergeJobs([job({ status: 'running', progress: 80 })], [job({ progress: 0 })])[0]?.progress).toBe(
      80,
    )
  })

  it('counts queued and running jobs as active', () => {
    expect(
      ['queued', 'running', 'done', 'failed'].map((status) => isActive({ status } as GradingJob)),
    ).toEqual([true, true, false, false])
  })
})
