import type { RouteDefinition } from '@solidjs/router'
import { lazy } from 'solid-js'
import { RequireAuth } from './components/Auth/RequireAuth.tsx'
import { preloadAdmin } from './pages/Admin.data.ts'
import { preloadAppHome } from './pages/AppHome.data.ts'
import { preloadCourse } from './pages/Course.data.ts'
import { preloadCourses } from './pages/Courses.data.ts'
import { preloadDashboard } from './pages/Dashboard.data.ts'
import { preloadInvite } from './pages/Invite.data.ts'
import { preloadLesson } from './pages/Lesson.data.ts'
import { preloadLessonEdit } from './pages/LessonEdit.data.ts'
import { preloadMailbox } from './pages/Mailbox.data.ts'
import { preloadMembers } from './pages/Members.data.ts'
import { preloadSession } from './pages/Session.data.ts'
import { preloadSessionRoom } from './pages/SessionRoom.data.ts'
import { preloadSessions } from './pages/Sessions.data.ts'
import { preloadSettings } from './pages/Settings.data.ts'
import { preloadSupport } from './pages/Support.data.ts'
import { preloadSupportReport } from './pages/SupportReport.data.ts'
import { preloadSupportSettings } from './pages/SupportSettings.data.ts'
import { preloadSupportTicket } from './pages/SupportTicket.data.ts'

/** Every page, loaded on demand; signed-in pages sit under RequireAuth. */
export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./pages/Landing.tsx')) },
  { path: '/signin', component: lazy(() => import('./pages/SignIn.tsx')) },
  { path: '/signup', component: lazy(() => import('./pages/SignUp.tsx')) },
  { path: '/forgot-password', component: lazy(() => import('./pages/ForgotPassword.tsx')) },
  { path: '/reset-password', component: lazy(() => import('./pages/ResetPassword.tsx')) },
  { path: '/mailbox', component: lazy(() => import('./pages/Mailbox.tsx')), preload: preloadMailbox },
  { path: '/invite/:token', component: lazy(() => import('./pages/Invite.tsx')), preload: preloadInvite },
  {
    path: '/',
    component: RequireAuth,
    children: [
      { path: '/app', component: lazy(() => import('./pages/AppHome.tsx')), preload: preloadAppHome },
      { path: '/app/new-school', component: lazy(() => import('./pages/NewSchool.tsx')) },
      {
        path: '/t/:slug',
        component: lazy(() => import('./pages/TenantLayout.tsx')),
        children: [
          { path: '/', component: lazy(() => import('./pages/Dashboard.tsx')), preload: preloadDashboard },
          { path: '/members', component: lazy(() => import('./pages/Members.tsx')), preload: preloadMembers },
          { path: '/courses', component: lazy(() => import('./pages/Courses.tsx')), preload: preloadCourses },
          { path: '/courses/new', component: lazy(() => import('./pages/CourseNew.tsx')) },
          {
            path: '/courses/:courseId',
            component: lazy(() => import('./pages/Course.tsx')),
            preload: preloadCourse,
          },
          {
            path: '/courses/:courseId/edit',
            component: lazy(() => import('./pages/CourseEdit.tsx')),
            preload: preloadCourse,
          },
          {
            path: '/lessons/:lessonId',
            component: lazy(() => import('./pages/Lesson.tsx')),
            preload: preloadLesson,
          },
          {
            // Tiptap and Yjs load only with this page.
            path: '/lessons/:lessonId/edit',
            component: lazy(() => import('./pages/LessonEdit.tsx')),
            preload: preloadLessonEdit,
          },
          {
            path: '/sessions',
            component: lazy(() => import('./pages/Sessions.tsx')),
            preload: preloadSessions,
          },
          {
            path: '/sessions/:id',
            component: lazy(() => import('./pages/Session.tsx')),
            preload: preloadSession,
          },
          {
            // livekit-client loads only inside this page, and only for LiveKit rooms.
            path: '/sessions/:id/room',
            component: lazy(() => import('./pages/SessionRoom.tsx')),
            preload: preloadSessionRoom,
          },
          {
            path: '/settings',
            component: lazy(() => import('./pages/Settings.tsx')),
            preload: preloadSettings,
          },
          { path: '/support', component: lazy(() => import('./pages/Support.tsx')), preload: preloadSupport },
          {
            path: '/support/settings',
            component: lazy(() => import('./pages/SupportSettings.tsx')),
            preload: preloadSupportSettings,
          },
          {
            path: '/support/report',
            component: lazy(() => import('./pages/SupportReport.tsx')),
            preload: preloadSupportReport,
          },
          {
            path: '/support/:ticketId',
            component: lazy(() => import('./pages/SupportTicket.tsx')),
            preload: preloadSupportTicket,
          },
        ],
      },
      { path: '/admin', component: lazy(() => import('./pages/Admin.tsx')), preload: preloadAdmin },
      { path: '/account', component: lazy(() => import('./pages/Account.tsx')) },
    ],
  },
  { path: '*404', component: lazy(() => import('./pages/NotFound.tsx')) },
]
