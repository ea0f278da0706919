import { defineMessages } from '../../lib/i18n/catalogue.ts'

/** Home pages: what each person does next in a school. */
export const messages = defineMessages({
  en: {
    'student.hello': 'Hello, {name}',
    'student.intro': 'Pick up where you left off.',

    'courses.title': 'Continue learning',
    'courses.progress': '{done} of {total} lessons done',
    'courses.progressLabel': 'Progress in {title}',
    'courses.continue': 'Continue: {title}',
    'courses.start': 'Start: {title}',
    'courses.allDone': 'All lessons done',
    'courses.review': 'Review the course',
    'courses.noLessons': 'No lessons published yet. Your teachers are still writing them.',
    'courses.empty': 'You are not in any course yet',
    'courses.emptyText': 'Browse the school’s courses and join a free one, or ask your teacher to add you.',
    'courses.browse': 'Browse courses',

    'sessions.title': 'Your next sessions',
    'sessions.empty': 'No sessions booked',
    'sessions.emptyText': 'Book a seat in a tutoring session to meet a tutor live.',
    'sessions.find': 'Find a session',
    'sessions.all': 'All sessions',

    'tickets.title': 'Your questions to the school',
    'tickets.newReply': 'New reply',
    'tickets.empty': 'No questions yet',
    'tickets.emptyText': 'Stuck, or something not working? Ask the school’s support team.',
    'tickets.ask': 'Ask for help',
    'tickets.all': 'All your tickets',
    'tickets.number': 'Ticket #{number}',
  },
  sw: {
    'student.hello': 'Habari, {name}',
    'student.intro': 'Endelea ulipoishia.',

    'courses.title': 'Endelea kujifunza',
    'courses.progress': 'Masomo {done} kati ya {total} yamekamilika',
    'courses.progressLabel': 'Maendeleo katika {title}',
    'courses.continue': 'Endelea: {title}',
    'courses.start': 'Anza: {title}',
    'courses.allDone': 'Masomo yote yamekamilika',
    'courses.review': 'Pitia kozi',
    'courses.noLessons': 'Bado hakuna masomo yaliyochapishwa. Walimu wako bado wanayaandika.',
    'courses.empty': 'Bado hujajiunga na kozi yoyote',
    'courses.emptyText': 'Tazama kozi za shule ujiunge na ya bure, au mwombe mwalimu wako akuongeze.',
    'courses.browse': 'Tazama kozi',

    'sessions.title': 'Vipindi vyako vijavyo',
    'sessions.empty': 'Hujaweka nafasi katika kipindi chochote',
    'sessions.emptyText': 'Weka nafasi katika kipindi cha ufundishaji ukutane na mkufunzi moja kwa moja.',
    'sessions.find': 'Tafuta kipindi',
    'sessions.all': 'Vipindi vyote',

    'tickets.title': 'Maswali yako kwa shule',
    'tickets.newReply': 'Jibu jipya',
    'tickets.empty': 'Bado hakuna maswali',
    'tickets.emptyText': 'Umekwama, au kuna kitu hakifanyi kazi? Uliza timu ya msaada ya shule.',
    'tickets.ask': 'Omba msaada',
    'tickets.all': 'Tiketi zako zote',
    'tickets.number': 'Tiketi #{number}',
  },
})
