import type { RouteDefinition } from '@solidjs/router'
import { lazy } from 'solid-js'
import { RequireAuth } from './features/auth/RequireAuth.tsx'
import { preloadCourse } from './features/courses/Course.data.ts'
import { preloadCourses } from './features/courses/Courses.data.ts'
import { preloadLesson } from './features/lessons/Lesson.data.ts'
import { preloadLessonEdit } from './features/lessons/LessonEdit.data.ts'
import { preloadMailbox } from './features/mailbox/Mailbox.data.ts'
import { preloadSupport } from './features/support/Support.data.ts'
import { preloadSupportReport } from './features/support/SupportReport.data.ts'
import { preloadSupportSettings } from './features/support/SupportSettings.data.ts'
import { preloadSupportTicket } from './features/support/SupportTicket.data.ts'
import { preloadAdmin } from './features/tenancy/Admin.data.ts'
import { preloadAppHome } from './features/tenancy/AppHome.data.ts'
import { preloadDashboard } from './features/tenancy/Dashboard.data.ts'
import { preloadInvite } from './features/tenancy/Invite.data.ts'
import { preloadMembers } from './features/tenancy/Members.data.ts'
import { preloadSettings } from './features/tenancy/Settings.data.ts'
import { preloadTutoringRoom } from './features/tutoring/TutoringRoom.data.ts'
import { preloadTutoringSchedule } from './features/tutoring/TutoringSchedule.data.ts'
import { preloadTutoringSession } from './features/tutoring/TutoringSession.data.ts'

/** Every page, loaded on demand; signed-in pages sit under RequireAuth. */
export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./features/landing/Landing.tsx')) },
  { path: '/signin', component: lazy(() => import('./features/auth/SignIn.tsx')) },
  { path: '/signup', component: lazy(() => import('./features/auth/SignUp.tsx')) },
  { path: '/forgot-password', component: lazy(() => import('./features/auth/ForgotPassword.tsx')) },
  { path: '/reset-password', component: lazy(() => import('./features/auth/ResetPassword.tsx')) },
  {
    path: '/mailbox',
    component: lazy(() => import('./features/mailbox/Mailbox.tsx')),
    preload: preloadMailbox,
  },
  {
    path: '/invite/:token',
    component: lazy(() => import('./features/tenancy/Invite.tsx')),
    preload: preloadInvite,
  },
  {
    path: '/',
    component: RequireAuth,
    children: [
      {
        path: '/app',
        component: lazy(() => import('./features/tenancy/AppHome.tsx')),
        preload: preloadAppHome,
      },
      { path: '/app/new-school', component: lazy(() => import('./features/tenancy/NewSchool.tsx')) },
      {
        path: '/t/:slug',
        component: lazy(() => import('./shell/layout/TenantLayout.tsx')),
        children: [
          {
            path: '/',
            component: lazy(() => import('./features/tenancy/Dashboard.tsx')),
            preload: preloadDashboard,
          },
          {
            path: '/members',
            component: lazy(() => import('./features/tenancy/Members.tsx')),
            preload: preloadMembers,
          },
          {
            path: '/courses',
            component: lazy(() => import('./features/courses/Courses.tsx')),
            preload: preloadCourses,
          },
          { path: '/courses/new', component: lazy(() => import('./features/courses/CourseNew.tsx')) },
          {
            path: '/courses/:courseId',
            component: lazy(() => import('./features/courses/Course.tsx')),
            preload: preloadCourse,
          },
          {
            path: '/courses/:courseId/edit',
            component: lazy(() => import('./features/courses/CourseEdit.tsx')),
            preload: preloadCourse,
          },
          {
            path: '/lessons/:lessonId',
            component: lazy(() => import('./features/lessons/Lesson.tsx')),
            preload: preloadLesson,
          },
          {
            // Tiptap and Yjs load only with this page.
            path: '/lessons/:lessonId/edit',
            component: lazy(() => import('./features/lessons/LessonEdit.tsx')),
            preload: preloadLessonEdit,
          },
          {
            path: '/sessions',
            component: lazy(() => import('./features/tutoring/TutoringSchedule.tsx')),
            preload: preloadTutoringSchedule,
          },
          {
            path: '/sessions/:id',
            component: lazy(() => import('./features/tutoring/TutoringSession.tsx')),
            preload: preloadTutoringSession,
          },
          {
            // livekit-client loads only inside this page, and only for LiveKit rooms.
            path: '/sessions/:id/room',
            component: lazy(() => import('./features/tutoring/TutoringRoom.tsx')),
            preload: preloadTutoringRoom,
          },
          {
            path: '/settings',
            component: lazy(() => import('./features/tenancy/Settings.tsx')),
            preload: preloadSettings,
          },
          {
            path: '/support',
            component: lazy(() => import('./features/support/Support.tsx')),
            preload: preloadSupport,
          },
          {
            path: '/support/settings',
            component: lazy(() => import('./features/support/SupportSettings.tsx')),
            preload: preloadSupportSettings,
          },
          {
            path: '/support/report',
            component: lazy(() => import('./features/support/SupportReport.tsx')),
            preload: preloadSupportReport,
          },
          {
            path: '/support/:ticketId',
            component: lazy(() => import('./features/support/SupportTicket.tsx')),
            preload: preloadSupportTicket,
          },
        ],
      },
      {
        path: '/admin',
        component: lazy(() => import('./features/tenancy/Admin.tsx')),
        preload: preloadAdmin,
      },
      { path: '/account', component: lazy(() => import('./features/account/Account.tsx')) },
    ],
  },
  { path: '*404', component: lazy(() => import('./shell/NotFound.tsx')) },
]
