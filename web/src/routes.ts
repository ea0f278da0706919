import type { RouteDefinition, RoutePreloadFuncArgs } from '@solidjs/router'
import { lazy } from 'solid-js'
import { RequireAuth } from './features/auth/RequireAuth.tsx'

type Preload = (args: RoutePreloadFuncArgs) => void

/**
 * A page's preload from its `<Page>.data.ts`, loaded with the route rather than with the entry:
 * the router calls it as the page's own chunk is requested, so the data module and the page code
 * download side by side and the data is asked for as soon as its small module is in. `params` and
 * `location` are copied at once: they follow the current location, which may have moved on by the
 * time the module arrives (a hover preload, a quick second click).
 */
function preloadFrom<K extends string>(load: () => Promise<Record<K, Preload>>, name: K): Preload {
  return (args) => {
    const copy = { ...args, params: { ...args.params }, location: { ...args.location } }
    load().then(
      (module) => module[name](copy),
      () => {}, // offline or a stale deploy: the page's own loaders ask again and show the error
    )
  }
}

/** Every page, loaded on demand; signed-in pages sit under RequireAuth. */
export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./features/landing/Landing.tsx')) },
  { path: '/signin', component: lazy(() => import('./features/auth/SignIn.tsx')) },
  { path: '/signin/mfa', component: lazy(() => import('./features/auth/MfaStep.tsx')) },
  { path: '/signin/new-password', component: lazy(() => import('./features/pupils/ChoosePassword.tsx')) },
  { path: '/signin/phone', component: lazy(() => import('./features/auth/PhoneSignIn.tsx')) },
  { path: '/signup', component: lazy(() => import('./features/auth/SignUp.tsx')) },
  { path: '/forgot-password', component: lazy(() => import('./features/auth/ForgotPassword.tsx')) },
  { path: '/reset-password', component: lazy(() => import('./features/auth/ResetPassword.tsx')) },
  {
    path: '/mailbox',
    component: lazy(() => import('./features/mailbox/Mailbox.tsx')),
    preload: preloadFrom(() => import('./features/mailbox/Mailbox.data.ts'), 'preloadMailbox'),
  },
  {
    path: '/invite/:token',
    component: lazy(() => import('./features/tenancy/Invite.tsx')),
    preload: preloadFrom(() => import('./features/tenancy/Invite.data.ts'), 'preloadInvite'),
  },
  {
    path: '/guardian-invite/:token',
    component: lazy(() => import('./features/guardians/GuardianInvite.tsx')),
    preload: preloadFrom(
      () => import('./features/guardians/GuardianInvite.data.ts'),
      'preloadGuardianInvite',
    ),
  },
  // Certificates: anyone checks one by its code, signed in or not.
  {
    // One page for /verify (type a code) and /verify/:code (its answer).
    path: '/verify',
    component: lazy(() => import('./features/certificates/Verify.tsx')),
    preload: preloadFrom(() => import('./features/certificates/Verify.data.ts'), 'preloadVerify'),
    children: [{ path: '/' }, { path: '/:code' }],
  },
  {
    path: '/',
    component: RequireAuth,
    children: [
      {
        path: '/app',
        component: lazy(() => import('./features/tenancy/AppHome.tsx')),
        preload: preloadFrom(() => import('./features/tenancy/AppHome.data.ts'), 'preloadAppHome'),
      },
      { path: '/app/new-school', component: lazy(() => import('./features/tenancy/NewSchool.tsx')) },
      {
        path: '/t/:slug',
        component: lazy(() => import('./shell/layout/TenantLayout.tsx')),
        children: [
          {
            path: '/',
            component: lazy(() => import('./features/home/Home.tsx')),
            preload: preloadFrom(() => import('./features/home/Home.data.ts'), 'preloadHome'),
          },
          {
            path: '/members',
            component: lazy(() => import('./features/tenancy/Members.tsx')),
            preload: preloadFrom(() => import('./features/tenancy/Members.data.ts'), 'preloadMembers'),
          },
          {
            // A parent's children: the first one, or the one chosen in the switcher.
            path: '/children',
            component: lazy(() => import('./features/guardians/Children.tsx')),
            preload: preloadFrom(() => import('./features/guardians/Children.data.ts'), 'preloadChildren'),
            children: [{ path: '/' }, { path: '/:studentId' }],
          },
          {
            path: '/classes',
            component: lazy(() => import('./features/classes/Classes.tsx')),
            preload: preloadFrom(() => import('./features/classes/Classes.data.ts'), 'preloadClasses'),
          },
          {
            path: '/classes/:classId',
            component: lazy(() => import('./features/classes/ClassPage.tsx')),
            preload: preloadFrom(() => import('./features/classes/ClassPage.data.ts'), 'preloadClass'),
          },
          // One route for the list and an open conversation: moving between them keeps the page.
          {
            path: '/messages/:conversationId?',
            component: lazy(() => import('./features/inbox/Inbox.tsx')),
          },
          {
            path: '/reports',
            component: lazy(() => import('./features/reports/Reports.tsx')),
          },
          {
            path: '/people/:userId',
            component: lazy(() => import('./features/profiles/MemberProfile.tsx')),
            preload: preloadFrom(
              () => import('./features/profiles/MemberProfile.data.ts'),
              'preloadMemberProfile',
            ),
          },
          {
            path: '/courses',
            component: lazy(() => import('./features/courses/Courses.tsx')),
            preload: preloadFrom(() => import('./features/courses/Courses.data.ts'), 'preloadCourses'),
          },
          { path: '/courses/new', component: lazy(() => import('./features/courses/CourseNew.tsx')) },
          {
            path: '/courses/:courseId',
            component: lazy(() => import('./features/courses/Course.tsx')),
            preload: preloadFrom(() => import('./features/courses/Course.data.ts'), 'preloadCourse'),
          },
          {
            path: '/courses/:courseId/edit',
            component: lazy(() => import('./features/courses/CourseEdit.tsx')),
            preload: preloadFrom(() => import('./features/courses/Course.data.ts'), 'preloadCourse'),
          },
          {
            path: '/courses/:courseId/pay',
            component: lazy(() => import('./features/payments/Pay.tsx')),
            preload: preloadFrom(() => import('./features/payments/Pay.data.ts'), 'preloadPay'),
          },
          {
            path: '/courses/:courseId/gradebook',
            component: lazy(() => import('./features/gradebook/Gradebook.tsx')),
            preload: preloadFrom(() => import('./features/gradebook/Gradebook.data.ts'), 'preloadGradebook'),
          },
          {
            path: '/courses/:courseId/forum',
            component: lazy(() => import('./features/forum/Forum.tsx')),
          },
          {
            path: '/courses/:courseId/forum/:threadId',
            component: lazy(() => import('./features/forum/ForumThread.tsx')),
          },
          {
            path: '/courses/:courseId/logbook',
            component: lazy(() => import('./features/logbook/Logbook.tsx')),
          },
          {
            path: '/courses/:courseId/grades',
            component: lazy(() => import('./features/gradebook/MyGrades.tsx')),
            preload: preloadFrom(() => import('./features/gradebook/MyGrades.data.ts'), 'preloadMyGrades'),
          },
          {
            path: '/purchases',
            component: lazy(() => import('./features/payments/Purchases.tsx')),
            preload: preloadFrom(() => import('./features/payments/Purchases.data.ts'), 'preloadPurchases'),
          },
          {
            path: '/wallet',
            component: lazy(() => import('./features/payments/Wallet.tsx')),
            preload: preloadFrom(() => import('./features/payments/Wallet.data.ts'), 'preloadWallet'),
          },
          {
            path: '/payments',
            component: lazy(() => import('./features/payments/SchoolPayments.tsx')),
            preload: preloadFrom(
              () => import('./features/payments/SchoolPayments.data.ts'),
              'preloadSchoolPayments',
            ),
          },
          {
            path: '/payouts',
            component: lazy(() => import('./features/payments/Payouts.tsx')),
            preload: preloadFrom(() => import('./features/payments/Payouts.data.ts'), 'preloadPayouts'),
          },
          {
            path: '/billing',
            component: lazy(() => import('./features/payments/Billing.tsx')),
            preload: preloadFrom(() => import('./features/payments/Billing.data.ts'), 'preloadBilling'),
          },
          {
            path: '/sponsorships',
            component: lazy(() => import('./features/sponsors/Sponsorships.tsx')),
            preload: preloadFrom(
              () => import('./features/sponsors/Sponsorships.data.ts'),
              'preloadSponsorships',
            ),
          },
          {
            path: '/sponsorships/:id',
            component: lazy(() => import('./features/sponsors/Sponsorship.tsx')),
            preload: preloadFrom(
              () => import('./features/sponsors/Sponsorship.data.ts'),
              'preloadSponsorship',
            ),
          },
          {
            path: '/assignments/:id',
            component: lazy(() => import('./features/assignments/Assignment.tsx')),
            preload: preloadFrom(
              () => import('./features/assignments/Assignment.data.ts'),
              'preloadAssignment',
            ),
          },
          {
            path: '/assignments/:id/edit',
            component: lazy(() => import('./features/assignments/AssignmentEdit.tsx')),
            preload: preloadFrom(
              () => import('./features/assignments/AssignmentEdit.data.ts'),
              'preloadAssignmentEdit',
            ),
          },
          {
            path: '/assignments/:id/submissions',
            component: lazy(() => import('./features/assignments/Submissions.tsx')),
            preload: preloadFrom(
              () => import('./features/assignments/Submissions.data.ts'),
              'preloadSubmissions',
            ),
          },
          {
            path: '/assignments/:id/similarity',
            component: lazy(() => import('./features/assignments/Similarity.tsx')),
            preload: preloadFrom(
              () => import('./features/assignments/Similarity.data.ts'),
              'preloadSimilarity',
            ),
          },
          {
            path: '/submissions/:id',
            component: lazy(() => import('./features/assignments/Grade.tsx')),
            preload: preloadFrom(() => import('./features/assignments/Grade.data.ts'), 'preloadGrade'),
          },
          {
            path: '/rubrics',
            component: lazy(() => import('./features/assignments/Rubrics.tsx')),
            preload: preloadFrom(() => import('./features/assignments/Rubrics.data.ts'), 'preloadRubrics'),
          },
          {
            path: '/quizzes/:id',
            component: lazy(() => import('./features/quizzes/Quiz.tsx')),
            preload: preloadFrom(() => import('./features/quizzes/Quiz.data.ts'), 'preloadQuiz'),
          },
          {
            path: '/quizzes/:id/edit',
            component: lazy(() => import('./features/quizzes/QuizEdit.tsx')),
            preload: preloadFrom(() => import('./features/quizzes/QuizEdit.data.ts'), 'preloadQuizEdit'),
          },
          {
            path: '/quizzes/:id/results',
            component: lazy(() => import('./features/quizzes/QuizResults.tsx')),
            preload: preloadFrom(
              () => import('./features/quizzes/QuizResults.data.ts'),
              'preloadQuizResults',
            ),
          },
          {
            path: '/attempts/:id',
            component: lazy(() => import('./features/quizzes/Attempt.tsx')),
            preload: preloadFrom(() => import('./features/quizzes/Attempt.data.ts'), 'preloadAttempt'),
          },
          {
            path: '/certificates',
            component: lazy(() => import('./features/certificates/Certificates.tsx')),
            preload: preloadFrom(
              () => import('./features/certificates/Certificates.data.ts'),
              'preloadCertificates',
            ),
          },
          {
            path: '/courses/:courseId/certificates',
            component: lazy(() => import('./features/certificates/CourseCertificates.tsx')),
            preload: preloadFrom(
              () => import('./features/certificates/CourseCertificates.data.ts'),
              'preloadCourseCertificates',
            ),
          },
          {
            path: '/lessons/:lessonId',
            component: lazy(() => import('./features/lessons/Lesson.tsx')),
            preload: preloadFrom(() => import('./features/lessons/Lesson.data.ts'), 'preloadLesson'),
          },
          {
            // Tiptap and Yjs load only with this page.
            path: '/lessons/:lessonId/edit',
            component: lazy(() => import('./features/lessons/LessonEdit.tsx')),
            preload: preloadFrom(() => import('./features/lessons/LessonEdit.data.ts'), 'preloadLessonEdit'),
          },
          {
            path: '/sessions',
            component: lazy(() => import('./features/tutoring/TutoringSchedule.tsx')),
            preload: preloadFrom(
              () => import('./features/tutoring/TutoringSchedule.data.ts'),
              'preloadTutoringSchedule',
            ),
          },
          {
            path: '/sessions/:id',
            component: lazy(() => import('./features/tutoring/TutoringSession.tsx')),
            preload: preloadFrom(
              () => import('./features/tutoring/TutoringSession.data.ts'),
              'preloadTutoringSession',
            ),
          },
          {
            // livekit-client loads only inside this page, and only for LiveKit rooms.
            path: '/sessions/:id/room',
            component: lazy(() => import('./features/tutoring/TutoringRoom.tsx')),
            preload: preloadFrom(
              () => import('./features/tutoring/TutoringRoom.data.ts'),
              'preloadTutoringRoom',
            ),
          },
          {
            // One page for /tutor and /tutor/:id: it stays mounted, so a new conversation keeps
            // streaming when it gets its id in the address.
            path: '/tutor',
            component: lazy(() => import('./features/tutor/Tutor.tsx')),
            preload: preloadFrom(() => import('./features/tutor/Tutor.data.ts'), 'preloadTutor'),
            children: [{ path: '/' }, { path: '/:id' }],
          },
          {
            path: '/tutor/review',
            component: lazy(() => import('./features/tutor/TutorReview.tsx')),
            preload: preloadFrom(() => import('./features/tutor/TutorReview.data.ts'), 'preloadTutorReview'),
            children: [{ path: '/' }, { path: '/:id' }],
          },
          {
            path: '/settings/ai',
            component: lazy(() => import('./features/tutor/AiSettings.tsx')),
            preload: preloadFrom(() => import('./features/tutor/AiSettings.data.ts'), 'preloadAiSettings'),
          },
          {
            path: '/settings/forum',
            component: lazy(() => import('./features/forum/ForumSettings.tsx')),
          },
          {
            path: '/settings',
            component: lazy(() => import('./features/tenancy/Settings.tsx')),
            preload: preloadFrom(() => import('./features/tenancy/Settings.data.ts'), 'preloadSettings'),
          },
          {
            path: '/audit',
            component: lazy(() => import('./features/tenancy/Audit.tsx')),
            preload: preloadFrom(() => import('./features/tenancy/Audit.data.ts'), 'preloadAudit'),
          },
          {
            path: '/support',
            component: lazy(() => import('./features/support/Support.tsx')),
            preload: preloadFrom(() => import('./features/support/Support.data.ts'), 'preloadSupport'),
          },
          {
            path: '/support/settings',
            component: lazy(() => import('./features/support/SupportSettings.tsx')),
            preload: preloadFrom(
              () => import('./features/support/SupportSettings.data.ts'),
              'preloadSupportSettings',
            ),
          },
          {
            path: '/support/report',
            component: lazy(() => import('./features/support/SupportReport.tsx')),
            preload: preloadFrom(
              () => import('./features/support/SupportReport.data.ts'),
              'preloadSupportReport',
            ),
          },
          {
            path: '/support/:ticketId',
            component: lazy(() => import('./features/support/SupportTicket.tsx')),
            preload: preloadFrom(
              () => import('./features/support/SupportTicket.data.ts'),
              'preloadSupportTicket',
            ),
          },
        ],
      },
      {
        path: '/admin',
        component: lazy(() => import('./features/tenancy/Admin.tsx')),
        preload: preloadFrom(() => import('./features/tenancy/Admin.data.ts'), 'preloadAdmin'),
      },
      { path: '/account', component: lazy(() => import('./features/account/Account.tsx')) },
      { path: '/account/security', component: lazy(() => import('./features/account/Security.tsx')) },
    ],
  },
  { path: '*404', component: lazy(() => import('./shell/NotFound.tsx')) },
]
