// The M-Pesa phone number as the contract takes it (CheckoutBody: 07…, 01…, +254…, 254…, no
// spaces): people type "0712 345 678", so spaces, dashes and brackets are taken out first.

const KENYAN_MOBILE = /^(\+?254|0)?[17]\d{8}$/

/** "0712 345 678" → "0712345678"; undefined when it is not a Kenyan mobile number. */
export function mpesaPhone(text: string): string | undefined {
  const clean = text.replace(/[\s().-]/g, '')
  return KENYAN_MOBILE.test(clean) ? clean : undefined
}
