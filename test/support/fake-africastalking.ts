// A fake Africa's Talking for tests: an HTTP server on 127.0.0.1 (a free port) that speaks the SMS
// API's wire format at POST /version1/messaging and keeps every request it got, so a test drives the
// real client at its HTTP boundary and asserts what went out. Used by edge/auth's SMS tests.
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the server received it. */
export interface FakeSmsRequest {
  method: string
  path: string
  headers: IncomingMessage['headers']
  /** The form fields (username, to, message, from). */
  form: Record<string, string>
}

/** What the fake answers: Africa's Talking's status and body. */
export type FakeSmsAnswer = (req: FakeSmsRequest) => { status: number; body: string }

/** Africa's Talking's answer for a message it accepted (201, statusCode 101 "Success"). */
export const accepted: FakeSmsAnswer = (req) => ({
  status: 201,
  body: JSON.stringify({
    SMSMessageData: {
      Message: 'Sent to 1/1 Total Cost: KES 0.8000',
      Recipients: [
        {
          statusCode: 101,
          number: req.form.to,
          status: 'Success',
          cost: 'KES 0.8000',
          messageId: `ATXid_${crypto.randomUUID().replace(/-/g, '')}`,
        },
      ],
    },
  }),
})

/** Starts the fake; `answer` decides each reply (accepted unless changed with `answerWith`). */
export async function startFakeAfricasTalking() {
  const requests: FakeSmsRequest[] = []
  let answer: FakeSmsAnswer = accepted
  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = []
    incoming.on('data', (c: Buffer) => chunks.push(c))
    incoming.on('end', () => {
      const req: FakeSmsRequest = {
        method: incoming.method ?? '',
        path: incoming.url ?? '',
        headers: incoming.headers,
        form: Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
      }
      requests.push(req)
      const { status, body } =
        req.method === 'POST' && req.path === '/version1/messaging'
          ? answer(req)
          : { status: 404, body: 'Not found' }
      res.writeHead(status, { 'content-type': status === 201 ? 'application/json' : 'text/plain' })
      res.end(body)
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    /** The messages sent to `to` (+E.164), oldest first. */
    messagesTo: (to: string) => requests.filter((r) => r.form.to === to).map((r) => r.form.message),
    answerWith(next: FakeSmsAnswer) {
      answer = next
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
