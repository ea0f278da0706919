// Fixed values of sponsorships (no zod: the web reads them without loading the schemas).

/** Most students one sponsorship pays for (public.create_sponsorship checks the same). */
export const SPONSORSHIP_MAX_SEATS = 1000

/** pending until paid, active once paid, cancelled by a full refund. */
export const SPONSORSHIP_STATUSES = ['pending', 'active', 'cancelled'] as const
export type SponsorshipStatus = (typeof SPONSORSHIP_STATUSES)[number]
