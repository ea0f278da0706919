import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, type TestUser } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

// Profiles through the API: a teacher fills her details and credentials; who sees which field on
// her card and on a student's; a student cannot show anything to the whole school; bad input is a
// 400 with field paths and changes nothing.

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

let owner: TestUser
let teacher: TestUser
let staff: TestUser
let amina: TestUser
let baraka: TestUser
let parent: TestUser
let otherAdmin: TestUser
let school: { id: string }

beforeAll(async () => {
  ;[owner, teacher, staff, amina, baraka, parent, otherAdmin] = await Promise.all(
    Array.from({ length: 7 }, () => createUser(sql)),
  )
  school = await createTenant(sql, owner, [
    [teacher, 'instructor'],
    [staff, 'staff'],
    [amina, 'student'],
    [baraka, 'student'],
    [parent, 'parent'],
  ])
  await createTenant(sql, otherAdmin)
  await sql`insert into public.guardian_links (tenant_id, parent_id, student_id) values (${school.id}, ${parent.id}, ${amina.id})`
})

const TEACHER_PROFILE = {
  phone: '+254 712 345 678',
  contacts: [{ kind: 'whatsapp', value: '+254712345678' }],
  county: 'Nakuru',
  city: 'Naivasha',
  country: 'ke',
  bio: 'I teach biology and chemistry.',
  time_zone: 'Africa/Nairobi',
  headline: 'Biology teacher, 8 years',
  qualifications: [{ title: 'BEd Science', institution: 'Egerton University', year: 2016 }],
  experience: [{ role: 'Biology teacher', organisation: 'Naivasha High', start_year: 2017, end_year: null }],
}

const card = (who: TestUser, person: TestUser, tenant = school.id) =>
  call('GET', `/tenants/${tenant}/profiles/${person.id}`, { token: who.token })

describe('my profile', () => {
  it('starts empty with the default visibilities, then keeps what is saved (phone normalised)', async () => {
    const fresh = await call('GET', '/me/profile', { token: teacher.token })
    expect(fresh.status).toBe(200)
    expect(fresh.body).toMatchObject({ phone: null, contacts: [], student_private: false, updated_at: null })
    expect(fresh.body.visibility).toMatchObject({
      phone: 'staff',
      contacts: 'staff',
      bio: 'school',
      headline: 'school',
    })

    const saved = await call('PATCH', '/me/profile', { token: teacher.token, body: TEACHER_PROFILE })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({
      ...TEACHER_PROFILE,
      phone: '+254712345678',
      country: 'KE',
      qualifications: [{ title: 'BEd Science', institution: 'Egerton University', year: 2016 }],
    })
    const bio = await call('PATCH', '/me/profile', {
      token: teacher.token,
      body: { bio: '  ', visibility: { city: 'school' } },
    })
    expect(bio.body).toMatchObject({ bio: null, city: 'Naivasha', phone: '+254712345678' })
    expect(bio.body.visibility).toMatchObject({ city: 'school', phone: 'staff' })
  })

  it('answers bad input with field paths and writes nothing', async () => {
    const before = await call('GET', '/me/profile', { token: teacher.token })
    const bad = await call('PATCH', '/me/profile', {
      token: teacher.token,
      body: {
        phone: '0712 345',
        country: 'Kenya',
        time_zone: 'Mars/Olympus',
        bio: 'x'.repeat(1001),
        contacts: [{ kind: 'fax', value: '' }],
        qualifications: [{ title: '' }],
        experience: [{ role: 'Teacher', start_year: 2020, end_year: 2010 }],
        visibility: { phone: 'everyone', shoe_size: 'school' },
        role: 'owner',
      },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('validation_failed')
    const paths = bad.body.error.details.issues.map((i: { path: string }) => i.path).sort()
    expect(paths).toEqual(
      [
        'bio',
        'contacts.0.kind',
        'contacts.0.value',
        'country',
        'experience.0.end_year',
        'phone',
        'qualifications.0.title',
        'role',
        'time_zone',
        'visibility.phone',
        'visibility.shoe_size',
      ].sort(),
    )
    const empty = await call('PATCH', '/me/profile', { token: teacher.token, body: {} })
    expect([empty.status, empty.body.error.details.issues[0].path]).toEqual([400, '(body)'])
    const after = await call('GET', '/me/profile', { token: teacher.token })
    expect(after.body).toEqual(before.body)
  })

  it('keeps a student’s fields staff-only: choosing the school is a 422 naming the fields', async () => {
    const mine = await call('GET', '/me/profile', { token: amina.token })
    expect(mine.body.student_private).toBe(true)
    expect(Object.values(mine.body.visibility)).toEqual(Array(11).fill('staff'))
    const refused = await call('PATCH', '/me/profile', {
      token: amina.token,
      body: { bio: 'I like football', visibility: { bio: 'school', city: 'school', phone: 'staff' } },
    })
    expect(refused.status).toBe(422)
    expect(refused.body.error.code).toBe('profile_student_private')
    expect(refused.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      'visibility.bio',
      'visibility.city',
    ])
    expect((await call('GET', '/me/profile', { token: amina.token })).body.bio).toBeNull()
    const saved = await call('PATCH', '/me/profile', {
      token: amina.token,
      body: { phone: '0700 111 222', bio: 'I like football', city: 'Nakuru' },
    })
    expect([saved.status, saved.body.phone]).toEqual([200, '+254700111222'])
  })

  it('needs a session', async () => {
    expect((await call('GET', '/me/profile')).status).toBe(401)
  })
})

describe('member cards', () => {
  it('show a student the teacher’s school fields without her phone; staff and admins see the phone', async () => {
    const byStudent = await card(baraka, teacher)
    expect(byStudent.status).toBe(200)
    expect(byStudent.body).toMatchObject({
      access: 'school',
      role: 'instructor',
      headline: 'Biology teacher, 8 years',
      qualifications: TEACHER_PROFILE.qualifications,
      experience: TEACHER_PROFILE.experience,
      city: 'Naivasha',
      country: 'KE',
      phone: null,
      contacts: [],
      county: null,
      email: null,
    })
    for (const who of [owner, staff]) {
      const full = await card(who, teacher)
      expect(full.body).toMatchObject({ access: 'all', phone: '+254712345678', county: 'Nakuru' })
      expect(full.body.contacts).toHaveLength(1)
    }
    expect((await card(owner, teacher)).body.email).toBe(teacher.email)
  })

  it('show a student nothing of another student, their linked parent and the teacher everything', async () => {
    const byPeer = await card(baraka, amina)
    expect(byPeer.body).toMatchObject({ access: 'none', phone: null, bio: null, city: null })
    expect(byPeer.body.display_name).toBeTruthy()
    const byParent = await card(parent, amina)
    expect(byParent.body).toMatchObject({ access: 'all', phone: '+254700111222', bio: 'I like football' })
    const byTeacher = await card(teacher, amina)
    expect(byTeacher.body).toMatchObject({ access: 'all', phone: '+254700111222', city: 'Nakuru' })
  })

  it('show nothing across schools', async () => {
    const across = await card(otherAdmin, teacher)
    expect([across.status, across.body.error.code]).toEqual([404, 'not_a_member'])
    const bad = await call('GET', `/tenants/${school.id}/profiles/not-a-uuid`, { token: owner.token })
    expect([bad.status, bad.body.error.details.issues[0].path]).toEqual([400, 'userId'])
  })

  it('are part of my data', async () => {
    const res = await call('GET', '/me/export', { token: teacher.token })
    expect(res.body.profile_details).toMatchObject({
      headline: 'Biology teacher, 8 years',
      phone: '+254712345678',
    })
  })
})
