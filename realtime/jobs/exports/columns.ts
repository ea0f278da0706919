// What an export of the attendance report holds: its title, its columns in the person's language
// (English or Kiswahili) and each row as cells — numbers as numbers, times in the school's zone.
import { type AttendanceGroup, type AttendanceRow, attendanceRate } from '../../../edge/contract/reports.ts'

export type Locale = 'en' | 'sw'
export type Cell = string | number | null

const WORDS = {
  en: {
    title: 'Attendance',
    session: 'Session',
    tutor: 'Tutor',
    starts: 'Starts',
    student: 'Student',
    class: 'Class',
    students: 'Students',
    booked: 'Booked',
    present: 'Present',
    rate: 'Attendance %',
    minutes: 'Minutes in the room',
    yes: 'Yes',
    no: 'No',
    noClass: 'No class',
    by: { session: 'by session', student: 'by student', class: 'by class', seat: 'by student and session' },
    period: (from: string, to: string) => `${from} to ${to}`,
  },
  sw: {
    title: 'Mahudhurio',
    session: 'Kipindi',
    tutor: 'Mkufunzi',
    starts: 'Kinaanza',
    student: 'Mwanafunzi',
    class: 'Darasa',
    students: 'Wanafunzi',
    booked: 'Waliojiandikisha',
    present: 'Waliohudhuria',
    rate: 'Mahudhurio %',
    minutes: 'Dakika chumbani',
    yes: 'Ndiyo',
    no: 'Hapana',
    noClass: 'Bila darasa',
    by: {
      session: 'kwa kipindi',
      student: 'kwa mwanafunzi',
      class: 'kwa darasa',
      seat: 'kwa mwanafunzi na kipindi',
    },
    period: (from: string, to: string) => `${from} hadi ${to}`,
  },
} as const

export interface ExportLayout {
  /** "Attendance by session" */
  title: string
  /** "Demo Academy · 2026-11-01 to 2026-11-30" */
  subtitle: string
  columns: string[]
  /** Relative widths, for the PDF and the spreadsheet. */
  widths: number[]
  cells(row: AttendanceRow): Cell[]
}

export function attendanceLayout(o: {
  group: AttendanceGroup
  locale: Locale
  school: string
  fromDay: string
  toDay: string
  timeZone: string
}): ExportLayout {
  const w = WORDS[o.locale]
  const when = timeIn(o.timeZone)
  const base = {
    title: `${w.title} ${w.by[o.group]}`,
    subtitle: `${o.school} · ${w.period(o.fromDay, o.toDay)}`,
  }
  const figures = (r: AttendanceRow): Cell[] => [r.booked, r.present, attendanceRate(r), r.minutes]
  const figureColumns = [w.booked, w.present, w.rate, w.minutes]
  switch (o.group) {
    case 'session':
      return {
        ...base,
        columns: [w.session, w.tutor, w.starts, ...figureColumns],
        widths: [3, 2, 2, 1, 1, 1.2, 1.5],
        cells: (r) => [r.label, r.detail, when(r.starts_at), ...figures(r)],
      }
    case 'student':
      return {
        ...base,
        columns: [w.student, w.class, ...figureColumns],
        widths: [3, 2, 1, 1, 1.2, 1.5],
        cells: (r) => [r.label, r.detail ?? w.noClass, ...figures(r)],
      }
    case 'class':
      return {
        ...base,
        columns: [w.class, w.students, ...figureColumns],
        widths: [3, 1, 1, 1, 1.2, 1.5],
        cells: (r) => [r.label ?? w.noClass, r.students, ...figures(r)],
      }
    case 'seat':
      return {
        ...base,
        columns: [w.student, w.session, w.starts, w.present, w.minutes],
        widths: [3, 3, 2, 1, 1.5],
        cells: (r) => [r.label, r.detail, when(r.starts_at), r.present > 0 ? w.yes : w.no, r.minutes],
      }
  }
}

/** `YYYY-MM-DD HH:mm` in the school's time zone (a spreadsheet sorts it as text correctly). */
function timeIn(timeZone: string) {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
  return (at: string | Date | null): string | null => {
    if (at === null) return null
    const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, p.value]))
    return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`
  }
}
