import { describe, expect, it } from 'vitest'
import { CheckoutBody } from '../../../../edge/contract/payments.ts'
import { mpesaPhone } from './phone.ts'

describe('mpesaPhone', () => {
  it('takes the ways Kenyans write a number, as the contract accepts them', () => {
    for (const typed of [
      '0712 345 678',
      '0712-345-678',
      '+254 712 345 678',
      '254712345678',
      '0110 123 456',
    ]) {
      const phone = mpesaPhone(typed)
      expect(phone).toBeDefined()
      expect(CheckoutBody.safeParse({ method: 'mpesa', phone }).success).toBe(true)
    }
  })

  it('refuses what is not a Kenyan mobile number', () => {
    for (const typed of ['', '12345', '0812 345 678', '+1 415 555 0100', '07123456789']) {
      expect(mpesaPhone(typed)).toBeUndefined()
    }
  })
})
