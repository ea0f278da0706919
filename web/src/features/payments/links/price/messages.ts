import { defineMessages } from '../../../../lib/i18n/catalogue.ts'

// The course editor's price form (CoursePriceForm.tsx), English and Kiswahili.
export const messages = defineMessages({
  en: {
    priceTitle: 'Price',
    priceText: 'Free, or a price students pay to enrol. M-Pesa takes KES; cards take every currency.',
    priceLoading: 'Loading the price…',
    priceFree: 'Free',
    pricePaid: 'Paid',
    priceCurrency: 'Currency',
    priceAmount: 'Amount',
    priceAmountHint: 'Whole shillings for KES, for example 1500.',
    priceSave: 'Save price',
    priceSaved: 'Price saved',
    priceRemoved: 'The course is free now',
    priceFailed: 'The price was not saved',
    priceNow: 'Now: {price}',
    priceNowFree: 'Now: free',
    amountInvalid: 'Enter an amount, for example 1500.',
  },
  sw: {
    priceTitle: 'Bei',
    priceText:
      'Bure, au bei ambayo wanafunzi hulipa ili kujiunga. M-Pesa hupokea KES; kadi hupokea sarafu zote.',
    priceLoading: 'Inapakia bei…',
    priceFree: 'Bure',
    pricePaid: 'Ya kulipia',
    priceCurrency: 'Sarafu',
    priceAmount: 'Kiasi',
    priceAmountHint: 'Shilingi kamili kwa KES, kwa mfano 1500.',
    priceSave: 'Hifadhi bei',
    priceSaved: 'Bei imehifadhiwa',
    priceRemoved: 'Kozi sasa ni bure',
    priceFailed: 'Bei haikuhifadhiwa',
    priceNow: 'Sasa: {price}',
    priceNowFree: 'Sasa: bure',
    amountInvalid: 'Weka kiasi, kwa mfano 1500.',
  },
})
