import { describe, expect, it, vi } from 'vitest'
import { CreateTenantBody } from '../../../edge/contract/tenancy.ts'
import { apiErrorFrom } from '../api/errors.ts'
import { validate } from '../lib/forms.ts'
import { createForm } from './form.ts'

/** A stand-in for the <form>: records which invalid field got focus. */
function fakeForm() {
  const focused: string[] = []
  const form = {
    querySelector: (selector: string) =>
      selector === '[aria-invalid="true"]' ? { focus: () => focused.push('first invalid') } : null,
  } as unknown as HTMLFormElement
  return { form, focused }
}

const tick = () => new Promise((r) => setTimeout(r, 0))

describe('createForm', () => {
  it('shows field errors and focuses the first invalid field, without sending', async () => {
    const sent: unknown[] = []
    const f = createForm({
      validate: () => validate(CreateTenantBody, { name: 'A', slug: '-bad-' }),
      submit: (data) => void sent.push(data),
    })
    const { form, focused } = fakeForm()
    f.ref(form)
    expect(await f.onSubmit()).toBe(false)
    await tick()
    expect(Object.keys(f.errors()).sort()).toEqual(['name', 'slug'])
    expect(focused).toEqual(['first invalid'])
    expect(sent).toEqual([])
  })

  it('sends the checked values and is pending meanwhile', async () => {
    let release: () => void = () => {}
    const sent: unknown[] = []
    const f = createForm({
      validate: () => validate(CreateTenantBody, { name: 'Nairobi Academy', slug: 'nairobi' }),
      submit: async (data) => {
        sent.push(data)
        await new Promise<void>((r) => {
          release = r
        })
      },
    })
    const done = f.onSubmit()
    expect(f.pending()).toBe(true)
    await vi.waitFor(() => expect(sent).toHaveLength(1))
    expect(f.pending()).toBe(true)
    release()
    expect(await done).toBe(true)
    expect(f.pending()).toBe(false)
    expect(sent).toEqual([{ name: 'Nairobi Academy', slug: 'nairobi' }])
    expect(f.errors()).toEqual({})
  })

  it("puts the server's field errors next to the fields the form shows", async () => {
    const f = createForm({
      fields: ['slug'],
      submit: () => {
        throw apiErrorFrom(409, {
          error: { code: 'conflict', message: 'That address is taken.', details: { field: 'slug' } },
        })
      },
    })
    const { form, focused } = fakeForm()
    f.ref(form)
    expect(await f.onSubmit()).toBe(false)
    await tick()
    expect(f.errors()).toEqual({ slug: 'That address is taken.' })
    expect(f.formError()).toBeUndefined()
    expect(focused).toEqual(['first invalid'])
  })

  it('shows any other failure in the form alert', async () => {
    const f = createForm({
      fields: ['name'],
      submit: () => {
        throw apiErrorFrom(400, {
          error: {
            code: 'invalid',
            message: 'Bad slug',
            details: { issues: [{ path: ['slug'], message: 'x' }] },
          },
        })
      },
    })
    expect(await f.onSubmit()).toBe(false)
    expect(f.errors()).toEqual({})
    expect(f.formError()).toBe('Bad slug')

    const g = createForm({
      submit: () => {
        throw new Error('Network down')
      },
    })
    await g.onSubmit()
    expect(g.formError()).toBe('Network down')
  })

  it('maps other errors to fields when asked, and keeps the form as it is on `false`', async () => {
    const f = createForm({
      fields: ['email'],
      fieldErrors: (e) =>
        (e as { code?: string }).code === 'taken' ? { email: 'Sign in instead.' } : undefined,
      submit: () => {
        throw Object.assign(new Error('exists'), { code: 'taken' })
      },
    })
    await f.onSubmit()
    expect(f.errors()).toEqual({ email: 'Sign in instead.' })

    const g = createForm({ submit: () => false })
    expect(await g.onSubmit()).toBe(false)
    expect(g.formError()).toBeUndefined()
    f.clear()
    expect(f.errors()).toEqual({})
  })
})
