import { SPONSORSHIP_MAX_SEATS } from '../../../../edge/contract/sponsorships-values.ts'
import { checked, type FieldErrors, type Validated } from '../../lib/forms.ts'

// The "New sponsorship" form without the page: the students chosen (kept by id with their names,
// across searches), the checks the API would make of the body, and the total the partner pays.

/** A student chosen for a seat. */
export interface Chosen {
  id: string
  name: string
}

/** Adds the student, or takes them out when already chosen; never more than the most seats. */
export function toggleChosen(
  chosen: readonly Chosen[],
  student: Chosen,
  max = SPONSORSHIP_MAX_SEATS,
): Chosen[] {
  if (chosen.some((c) => c.id === student.id)) return chosen.filter((c) => c.id !== student.id)
  if (chosen.length >= max) return [...chosen]
  return [...chosen, student]
}

export interface SponsorshipValues {
  sponsorId: string
  organisation: string
  courseId: string
  chosen: readonly Chosen[]
  /** The chosen course has a price (a sponsorship pays for a priced course). */
  priced: boolean
}

/** Words for each way a value can be wrong (the page passes its catalogue's). */
export interface SponsorshipWords {
  partnerRequired: string
  organisationRequired: string
  organisationLong: string
  courseRequired: string
  free: string
  studentsRequired: string
  tooMany: string
}

/** The body to send, or a message per field (sponsor_id, organisation, course_id, student_ids). */
export function checkSponsorship(
  v: SponsorshipValues,
  words: SponsorshipWords,
): Validated<{ sponsor_id: string; organisation: string; course_id: string; student_ids: string[] }> {
  const errors: FieldErrors = {}
  const organisation = v.organisation.trim()
  if (!v.sponsorId) errors.sponsor_id = words.partnerRequired
  if (organisation.length < 2) errors.organisation = words.organisationRequired
  else if (organisation.length > 200) errors.organisation = words.organisationLong
  if (!v.courseId) errors.course_id = words.courseRequired
  else if (!v.priced) errors.course_id = words.free
  if (v.chosen.length === 0) errors.student_ids = words.studentsRequired
  else if (v.chosen.length > SPONSORSHIP_MAX_SEATS) errors.student_ids = words.tooMany
  return checked(errors, {
    sponsor_id: v.sponsorId,
    organisation,
    course_id: v.courseId,
    student_ids: v.chosen.map((c) => c.id),
  })
}

/** What the partner pays: the price of a seat × the seats. */
export const totalMinor = (seatPriceMinor: number, seats: number): number => seatPriceMinor * seats
