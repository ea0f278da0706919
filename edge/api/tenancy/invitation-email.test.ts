import { afterAll, describe, expect, it } from 'vitest'
import { createTenant, createUser, unique } from '../../../test/support/fixtures.ts'
import { setupApi } from '../core/testing.ts'

// The invitation email is in the invitee's language when they have an account that chose one, and
// in both (Kiswahili first) otherwise; the refusals of accepting carry codes and their values.

const api = await setupApi()
const { sql, call } = api
afterAll(() => api.close())

const newEmail = () => `${unique('invitee')}@test.kipindi.test`
const tokenOf = (url: string) => url.split('/invite/')[1]

async function invite(role: string, email: string, timeZone = 'Africa/Nairobi') {
  const owner = await createUser(sql, { name: 'Amina Owner' })
  const admin = await createUser(sql, { name: 'Brian Admin' })
  const t = await createTenant(sql, owner, [[admin, 'admin']])
  await sql`update public.tenants set time_zone = ${timeZone} where id = ${t.id}`
  const created = await call('POST', `/tenants/${t.id}/invitations`, {
    token: admin.token,
    body: { email, role },
  })
  expect(created.status).toBe(201)
  const [mail] = await sql`select subject, body_text from private.outbox_emails where to_email = ${email}`
  return { t, mail, url: created.body.invite_url as string }
}

async function userWithLocale(locale: string | null) {
  const user = await createUser(sql, { email: newEmail() })
  if (locale) {
    await sql`update auth.users set raw_user_meta_data = raw_user_meta_data || ${sql.json({ locale })}
              where id = ${user.id}`
  }
  return user
}

describe('invitation email language', () => {
  it('is English for an account that chose English', async () => {
    const user = await userWithLocale('en')
    const { t, mail, url } = await invite('instructor', user.email)
    expect(mail.subject).toBe(`You're invited to ${t.name} on Kipindi`)
    expect(mail.body_text).toContain(`Brian Admin invited you to join ${t.name} on Kipindi as an instructor.`)
    expect(mail.body_text).toContain(url)
    expect(mail.body_text).toMatch(
      /expires on \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} Nairobi time \(UTC\+3\)\./,
    )
    expect(mail.body_text).not.toContain('Habari')
  })

  it('names the staff role as English says it', async () => {
    const user = await userWithLocale('en')
    const { t, mail } = await invite('staff', user.email)
    expect(mail.body_text).toContain(`to join ${t.name} on Kipindi as a member of staff.`)
  })

  it('is Kiswahili for an account that chose Kiswahili, with the role and month in Kiswahili', async () => {
    const user = await userWithLocale('sw')
    const { t, mail, url } = await invite('student', user.email)
    expect(mail.subject).toBe(`Umealikwa kujiunga na ${t.name} kwenye Kipindi`)
    expect(mail.body_text).toContain(
      `Brian Admin amekualika ujiunge na ${t.name} kwenye Kipindi kama mwanafunzi.`,
    )
    expect(mail.body_text).toContain(`Kubali mwaliko:\n${url}`)
    expect(mail.body_text).toMatch(
      /unaisha \w+ \d{1,2} (Januari|Februari|Machi|Aprili|Mei|Juni|Julai|Agosti|Septemba|Oktoba|Novemba|Desemba) \d{4}, saa \d{2}:\d{2} kwa saa za Nairobi \(UTC\+3\)\./,
    )
    expect(mail.body_text).not.toContain('Hello')
  })

  it('is in both languages, Kiswahili first, for an account that never chose and for an address with none', async () => {
    const user = await userWithLocale(null)
    for (const email of [user.email, newEmail()]) {
      const { t, mail } = await invite('admin', email)
      expect(mail.subject).toBe(
        `Umealikwa kujiunga na ${t.name} kwenye Kipindi / You're invited to ${t.name} on Kipindi`,
      )
      const text = mail.body_text as string
      expect(text.startsWith('(English below)')).toBe(true)
      expect(text.indexOf('kama msimamizi')).toBeGreaterThan(0)
      expect(text.indexOf('as an admin.')).toBeGreaterThan(text.indexOf('kama msimamizi'))
    }
  })
})

describe('invitation email times', () => {
  /** The invitation's expiry as the school's clock shows it: "Tue 5 Mar 2030, 14:30". */
  async function expiryOnClock(email: string, timeZone: string) {
    const [inv] = await sql`select expires_at from public.invitations where email = ${email}`
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'short',
        day: 'numeric',
        month: 'short',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      })
        .formatToParts(inv.expires_at)
        .map((p) => [p.type, p.value]),
    )
    return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute}`
  }

  it("prints the expiry on the school's clock, naming the zone and its offset", async () => {
    for (const [zone, named] of [
      ['Asia/Kolkata', 'Kolkata time (UTC+5:30)'],
      ['America/Sao_Paulo', 'Sao Paulo time (UTC-3)'],
      ['UTC', 'UTC'],
    ]) {
      const user = await userWithLocale('en')
      const { mail } = await invite('student', user.email, zone)
      expect(mail.body_text).toContain(`expires on ${await expiryOnClock(user.email, zone)} ${named}.`)
    }
  })

  it('names the zone in Kiswahili too, in both halves of a two-language email', async () => {
    const email = newEmail()
    const { mail } = await invite('parent', email, 'Asia/Kolkata')
    expect(mail.body_text).toMatch(/saa \d{2}:\d{2} kwa saa za Kolkata \(UTC\+5:30\)\./)
    expect(mail.body_text).toContain(`${await expiryOnClock(email, 'Asia/Kolkata')} Kolkata time (UTC+5:30).`)
  })
})

describe('accepting an invitation: refusals carry codes and values', () => {
  it('names the wrong account, the unconfirmed address, an invalid link and a used one', async () => {
    const email = newEmail()
    const { url } = await invite('staff', email)
    const token = tokenOf(url)

    const other = await createUser(sql)
    const wrong = await call('POST', '/invitations/accept', { token: other.token, body: { token } })
    expect(wrong.status).toBe(403)
    expect(wrong.body.error).toEqual({
      code: 'invitation_wrong_account',
      message: `This invitation was sent to ${email}, but you are signed in as ${other.email}.`,
      details: { invited_email: email, email: other.email },
    })

    const invitee = await createUser(sql, { email })
    await sql`update auth.users set email_confirmed_at = null where id = ${invitee.id}`
    const unconfirmed = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(unconfirmed.status).toBe(403)
    expect(unconfirmed.body.error).toMatchObject({ code: 'invitation_email_unconfirmed', details: { email } })

    const invalid = await call('POST', '/invitations/accept', {
      token: invitee.token,
      body: { token: 'x'.repeat(43) },
    })
    expect(invalid.status).toBe(404)
    expect(invalid.body.error).toMatchObject({
      code: 'invitation_invalid',
      message: 'This invitation link is not valid.',
    })

    await sql`update auth.users set email_confirmed_at = now() where id = ${invitee.id}`
    expect(
      (await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })).status,
    ).toBe(200)
    const again = await call('POST', '/invitations/accept', { token: invitee.token, body: { token } })
    expect(again.status).toBe(410)
    expect(again.body.error.code).toBe('invitation_used')
  })

  it('says who may invite an owner, and that an address is already invited (with the address)', async () => {
    const owner = await createUser(sql)
    const admin = await createUser(sql)
    const t = await createTenant(sql, owner, [[admin, 'admin']])
    const asAdmin = await call('POST', `/tenants/${t.id}/invitations`, {
      token: admin.token,
      body: { email: newEmail(), role: 'owner' },
    })
    expect(asAdmin.status).toBe(403)
    expect(asAdmin.body.error).toMatchObject({
      code: 'owners_only',
      message: 'Only an owner can invite another owner.',
    })

    const email = newEmail()
    await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email, role: 'student' },
    })
    const twice = await call('POST', `/tenants/${t.id}/invitations`, {
      token: owner.token,
      body: { email, role: 'student' },
    })
    expect(twice.status).toBe(409)
    expect(twice.body.error).toMatchObject({ code: 'already_invited', details: { field: 'email', email } })
  })
})
