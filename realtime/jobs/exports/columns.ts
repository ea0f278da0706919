// What an export of a report holds: its title, its columns in the person's language (English or
// Kiswahili) and each row as cells — numbers as numbers, times in the school's zone. One layout per
// report: attendance (by session, student, class or seat), progress and grades (by course, student,
// class or enrolment) and payments (by payment, day or course).
import {
  type AttendanceGroup,
  type AttendanceRow,
  attendanceRate,
  completionRate,
  type PaymentsGroup,
  type PaymentsRow,
  type ProgressGroup,
  type ProgressRow,
} from '../../../edge/contract/reports.ts'

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

/** What a file shows above its rows. */
export interface ExportHead {
  /** "Attendance by session" */
  title: string
  /** The spreadsheet's tab: the title, or the report's name when the title is longer than a tab holds. */
  sheet: string
  /** "Demo Academy · 2026-11-01 to 2026-11-30" */
  subtitle: string
  columns: string[]
  /** Relative widths, for the PDF and the spreadsheet. */
  widths: number[]
}

export interface ExportLayout<Row> extends ExportHead {
  cells(row: Row): Cell[]
}

/** What a layout is made for: the report's grouping, the language, the school and the period. */
export interface LayoutOptions<Group> {
  group: Group
  locale: Locale
  school: string
  fromDay: string
  toDay: string
  timeZone: string
}

export function attendanceLayout(o: LayoutOptions<AttendanceGroup>): ExportLayout<AttendanceRow> {
  const w = WORDS[o.locale]
  const when = timeIn(o.timeZone)
  const base = exportHead(o, w.title, w.by[o.group])
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

const PROGRESS_WORDS = {
  en: {
    title: 'Progress and grades',
    course: 'Course',
    student: 'Student',
    class: 'Class',
    students: 'Students',
    published: 'Lessons published',
    completed: 'Lessons done',
    completion: 'Completion %',
    attempts: 'Quiz attempts',
    quizAverage: 'Quiz average %',
    submitted: 'Assignments handed in',
    graded: 'Assignments graded',
    gradeAverage: 'Average grade %',
    btec: ['Distinction', 'Merit', 'Pass', 'Unclassified'],
    noClass: 'No class',
    by: { course: 'by course', student: 'by student', class: 'by class', enrolment: 'by student and course' },
  },
  sw: {
    title: 'Maendeleo na alama',
    course: 'Kozi',
    student: 'Mwanafunzi',
    class: 'Darasa',
    students: 'Wanafunzi',
    published: 'Masomo yaliyochapishwa',
    completed: 'Masomo yaliyokamilika',
    completion: 'Ukamilishaji %',
    attempts: 'Majaribio ya mazoezi',
    quizAverage: 'Wastani wa mazoezi %',
    submitted: 'Kazi zilizowasilishwa',
    graded: 'Kazi zilizosahihishwa',
    gradeAverage: 'Wastani wa alama %',
    btec: ['Distinction', 'Merit', 'Pass', 'Unclassified'],
    noClass: 'Bila darasa',
    by: {
      course: 'kwa kozi',
      student: 'kwa mwanafunzi',
      class: 'kwa darasa',
      enrolment: 'kwa mwanafunzi na kozi',
    },
  },
} as const

/**
 * The progress report: the row's course, student or class, then its figures — lessons, quizzes,
 * assignments, the averages in percent (empty when nothing was scored) and the BTEC grades (empty
 * where the row's courses do not grade with BTEC).
 */
export function progressLayout(o: LayoutOptions<ProgressGroup>): ExportLayout<ProgressRow> {
  const w = PROGRESS_WORDS[o.locale]
  const base = exportHead(o, w.title, w.by[o.group])
  const figureColumns = [
    w.published,
    w.completed,
    w.completion,
    w.attempts,
    w.quizAverage,
    w.submitted,
    w.graded,
    w.gradeAverage,
    ...w.btec,
  ]
  const figures = (r: ProgressRow): Cell[] => [
    r.lessons_published,
    r.lessons_completed,
    completionRate(r),
    r.quiz_attempts,
    r.quiz_average,
    r.assignments_submitted,
    r.assignments_graded,
    r.grade_average,
    r.distinctions,
    r.merits,
    r.passes,
    r.unclassified,
  ]
  const widths = [1.3, 1.3, 1.3, 1.3, 1.3, 1.5, 1.5, 1.3, 1.3, 1, 1, 1.4]
  const first = {
    course: [w.course, w.students],
    student: [w.student, w.class],
    class: [w.class, w.students],
    enrolment: [w.student, w.course],
  }[o.group]
  const lead = (r: ProgressRow): Cell[] => {
    switch (o.group) {
      case 'course':
        return [r.label, r.students]
      case 'student':
        return [r.label, r.detail ?? w.noClass]
      case 'class':
        return [r.label ?? w.noClass, r.students]
      case 'enrolment':
        return [r.label, r.detail]
    }
  }
  const counted = o.group === 'course' || o.group === 'class'
  return {
    ...base,
    columns: [...first, ...figureColumns],
    widths: [2.4, counted ? 1 : 2, ...widths],
    cells: (r) => [...lead(r), ...figures(r)],
  }
}

const PAYMENTS_WORDS = {
  en: {
    title: 'Payments',
    date: 'Date',
    reference: 'Reference',
    payer: 'Payer',
    bought: 'Paid for',
    provider: 'Provider',
    status: 'Status',
    course: 'Course',
    currency: 'Currency',
    payments: 'Payments',
    amount: 'Amount',
    refunded: 'Refunded',
    net: 'Net',
    noCourse: 'No course (plans and other)',
    providers: { mpesa: 'M-Pesa', stripe: 'Card', test: 'Test' },
    statuses: { succeeded: 'Paid', partially_refunded: 'Partly refunded', refunded: 'Refunded' },
    by: { payment: 'by payment', day: 'by day', course: 'by course' },
  },
  sw: {
    title: 'Malipo',
    date: 'Tarehe',
    reference: 'Kumbukumbu',
    payer: 'Mlipaji',
    bought: 'Kilicholipiwa',
    provider: 'Njia ya malipo',
    status: 'Hali',
    course: 'Kozi',
    currency: 'Sarafu',
    payments: 'Malipo',
    amount: 'Kiasi',
    refunded: 'Kilichorejeshwa',
    net: 'Halisi',
    noCourse: 'Bila kozi (mipango na mengineyo)',
    providers: { mpesa: 'M-Pesa', stripe: 'Kadi', test: 'Majaribio' },
    statuses: { succeeded: 'Imelipwa', partially_refunded: 'Imerejeshwa kiasi', refunded: 'Imerejeshwa' },
    by: { payment: 'kwa malipo', day: 'kwa siku', course: 'kwa kozi' },
  },
} as const

/** Minor units as the major units a spreadsheet sums (every currency we take has 2 decimals). */
const major = (minor: number): number => Math.round(minor) / 100

/**
 * The payments report: by payment its day, reference, payer, what was bought, provider and status; by
 * day or course how many; then the currency and the amount, refunds and net as numbers in major units
 * of that currency (a spreadsheet sums them, by currency).
 */
export function paymentsLayout(o: LayoutOptions<PaymentsGroup>): ExportLayout<PaymentsRow> {
  const w = PAYMENTS_WORDS[o.locale]
  const base = exportHead(o, w.title, w.by[o.group])
  const money = (r: PaymentsRow): Cell[] => [
    r.currency,
    major(r.amount_minor),
    major(r.refunded_minor),
    major(r.net_minor),
  ]
  const moneyColumns = [w.currency, w.amount, w.refunded, w.net]
  switch (o.group) {
    case 'payment':
      return {
        ...base,
        columns: [w.date, w.reference, w.payer, w.bought, w.provider, w.status, ...moneyColumns],
        widths: [1.4, 2.4, 2, 2.4, 1.2, 1.5, 1, 1.2, 1.2, 1.2],
        cells: (r) => [
          r.day,
          r.reference,
          r.label,
          r.detail,
          r.provider ? w.providers[r.provider] : null,
          r.status ? w.statuses[r.status] : null,
          ...money(r),
        ],
      }
    case 'day':
      return {
        ...base,
        columns: [w.date, w.payments, ...moneyColumns],
        widths: [1.5, 1, 1, 1.3, 1.3, 1.3],
        cells: (r) => [r.day, r.payments, ...money(r)],
      }
    case 'course':
      return {
        ...base,
        columns: [w.course, w.payments, ...moneyColumns],
        widths: [3, 1, 1, 1.3, 1.3, 1.3],
        cells: (r) => [r.key === null ? w.noCourse : r.label, r.payments, ...money(r)],
      }
  }
}

/** A spreadsheet's tab holds 31 characters: the title when it fits, else the report's name. */
const sheetName = (title: string, report: string) => (title.length <= 31 ? title : report)

/** The title ("Attendance by session"), tab and subtitle (school · period) of report `name` grouped `by`. */
export function exportHead(o: LayoutOptions<string>, name: string, by: string) {
  const title = `${name} ${by}`
  return {
    title,
    sheet: sheetName(title, name),
    subtitle: `${o.school} · ${WORDS[o.locale].period(o.fromDay, o.toDay)}`,
  }
}

/** `YYYY-MM-DD HH:mm` in the school's time zone (a spreadsheet sorts it as text correctly). */
export function timeIn(timeZone: string) {
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
