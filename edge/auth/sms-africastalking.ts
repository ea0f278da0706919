// Africa's Talking's SMS API (https://developers.africastalking.com/docs/sms/sending): one POST of a
// form to <base>/version1/messaging with the account's username, the recipient (+254…), the text
// and, when the account has one, the sender id; the `apiKey` header authenticates. A message the API
// accepted answers 201 with SMSMessageData.Recipients, one per number, whose statusCode 100
// (processed), 101 (sent) or 102 (queued) means it is on its way; anything else is a refusal.

/** What a client needs: the account and where the API is (tests point it at a local fake). */
export interface AfricasTalkingConfig {
  username: string
  apiKey: string
  /** https://api.africastalking.com, or https://api.sandbox.africastalking.com for the sandbox. */
  baseUrl: string
  /** An approved alphanumeric sender id or short code; the account's default when unset. */
  from?: string
  /** Milliseconds before a request is given up (default 10 s). */
  timeoutMs?: number
}

/** A message the provider did not take: why, in its own words (for the log, never for the user). */
export class SmsSendError extends Error {}

const ACCEPTED = new Set([100, 101, 102])

interface Recipient {
  statusCode?: number
  status?: string
  messageId?: string
}

/** Sends one text message; answers the provider's message id, or throws SmsSendError. */
export async function sendWithAfricasTalking(
  config: AfricasTalkingConfig,
  to: string,
  message: string,
): Promise<string> {
  const form = new URLSearchParams({ username: config.username, to, message })
  if (config.from) form.set('from', config.from)
  let res: Response
  try {
    res = await fetch(`${config.baseUrl.replace(/\/+$/, '')}/version1/messaging`, {
      method: 'POST',
      headers: {
        apiKey: config.apiKey,
        Accept: 'application/json',
        'Content-Type': 'application/x-www-form-urlencoded',
      },
      body: form,
      signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
    })
  } catch (e) {
    throw new SmsSendError(`Africa's Talking unreachable: ${(e as Error).message}`)
  }
  const text = await res.text()
  if (res.status !== 201)
    throw new SmsSendError(`Africa's Talking answered ${res.status}: ${text.slice(0, 200)}`)
  let recipient: Recipient | undefined
  try {
    recipient = (JSON.parse(text) as { SMSMessageData?: { Recipients?: Recipient[] } }).SMSMessageData
      ?.Recipients?.[0]
  } catch {
    throw new SmsSendError(`Africa's Talking answered 201 without JSON: ${text.slice(0, 200)}`)
  }
  if (!recipient || !ACCEPTED.has(recipient.statusCode ?? 0)) {
    throw new SmsSendError(`Africa's Talking refused the message: ${recipient?.status ?? 'no recipient'}`)
  }
  return recipient.messageId ?? ''
}
