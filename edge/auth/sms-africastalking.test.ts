// The Africa's Talking client against a fake of its HTTP API (test/support/fake-africastalking.ts): what goes over the wire,
// and which answers count as sent.
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { accepted, startFakeAfricasTalking } from '../../test/support/fake-africastalking.ts'
import { smsText } from './sms.ts'
import { SmsSendError, sendWithAfricasTalking } from './sms-africastalking.ts'

const fake = await startFakeAfricasTalking()
afterAll(() => fake.close())
beforeEach(() => {
  fake.requests.length = 0
  fake.answerWith(accepted)
})

const config = () => ({
  username: 'kipindi',
  apiKey: 'at-key-123',
  baseUrl: `${fake.baseUrl}/`,
  from: 'KIPINDI',
})

describe("Africa's Talking SMS client", () => {
  it('posts the documented form with the apiKey header and answers the message id', async () => {
    const id = await sendWithAfricasTalking(config(), '+254712345678', 'Your code is 123456')
    expect(id).toMatch(/^ATXid_/)
    expect(fake.requests).toHaveLength(1)
    const [req] = fake.requests
    expect(req.method).toBe('POST')
    expect(req.path).toBe('/version1/messaging')
    expect(req.headers.apikey).toBe('at-key-123')
    expect(req.headers.accept).toBe('application/json')
    expect(req.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/)
    expect(req.form).toEqual({
      username: 'kipindi',
      to: '+254712345678',
      message: 'Your code is 123456',
      from: 'KIPINDI',
    })
  })

  it('leaves `from` out when the account has no sender id', async () => {
    await sendWithAfricasTalking({ ...config(), from: undefined }, '+254712345678', 'hi')
    expect(fake.requests[0].form).not.toHaveProperty('from')
  })

  it('throws on a refused recipient, a non-201 answer, a body without JSON, and no server', async () => {
    fake.answerWith((req) => ({
      status: 201,
      body: JSON.stringify({
        SMSMessageData: {
          Message: 'Sent to 0/1 Total Cost: 0',
          Recipients: [
            {
              statusCode: 405,
              number: req.form.to,
              status: 'InsufficientBalance',
              cost: '0',
              messageId: 'None',
            },
          ],
        },
      }),
    }))
    await expect(sendWithAfricasTalking(config(), '+254712345678', 'x')).rejects.toThrow(
      /InsufficientBalance/,
    )
    fake.answerWith(() => ({ status: 401, body: 'The supplied authentication is invalid' }))
    await expect(sendWithAfricasTalking(config(), '+254712345678', 'x')).rejects.toThrow(/401/)
    fake.answerWith(() => ({ status: 201, body: 'ok' }))
    await expect(sendWithAfricasTalking(config(), '+254712345678', 'x')).rejects.toBeInstanceOf(SmsSendError)
    const closed = await startFakeAfricasTalking()
    await closed.close()
    await expect(
      sendWithAfricasTalking({ ...config(), baseUrl: closed.baseUrl }, '+254712345678', 'x'),
    ).rejects.toThrow(/unreachable/)
  })
})

describe('SMS texts', () => {
  it('are in the recipient language, or Kiswahili then English when unknown', () => {
    expect(smsText('sign_in', '123456', 10, 'en')).toBe(
      'Your Kipindi sign-in code is 123456. It expires in 10 minutes. Never share it.',
    )
    expect(smsText('sign_in', '123456', 10, 'sw')).toMatch(/^Msimbo wako wa kuingia Kipindi ni 123456\./)
    expect(smsText('phone_change', '654321', 5, 'en')).toMatch(/confirm this phone number is 654321/)
    const both = smsText('sign_in', '123456', 10).split('\n')
    expect(both).toHaveLength(2)
    expect(both[0]).toMatch(/^Msimbo/)
    expect(both[1]).toMatch(/^Your Kipindi/)
  })
})
