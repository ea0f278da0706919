// Each page's scripts named in the index.html sent for its URL: the route table read from
// routes.ts's syntax, the URL matched as the router matches it, the links in the page's head.
import { readFileSync } from 'node:fs'
import { parseAst } from 'rolldown/parseAst'
import { describe, expect, it } from 'vitest'
import { createIndexPage, matchRoute, type RoutePreload } from './index-html.ts'
import { flattenRoutes, routeTree } from './route-preloads.ts'

const ROUTES = `
import { lazy } from 'solid-js'
const preloadFrom = (load: () => unknown, name: string) => () => {}
export const routes: RouteDefinition[] = [
  { path: '/', component: lazy(() => import('./Landing.tsx')) },
  {
    path: '/',
    component: RequireAuth,
    children: [
      {
        path: '/t/:slug',
        component: lazy(() => import('./TenantLayout.tsx')),
        children: [
          { path: '/', component: lazy(() => import('./Dashboard.tsx')) },
          {
            path: '/courses/:courseId',
            component: lazy(() => import('./Course.tsx')),
            preload: preloadFrom(() => import('./Course.data.ts'), 'preloadCourse'),
          },
        ],
      },
    ],
  },
  { path: '*404', component: lazy(() => import('./NotFound.tsx')) },
]`

describe('route preloads', () => {
  it('reads every page of the route table with its full path and its layouts’ modules', () => {
    expect(flattenRoutes(routeTree(parseAst(ROUTES, { lang: 'ts' })))).toEqual([
      { path: '/', modules: ['./Landing.tsx'] },
      { path: '/t/:slug', modules: ['./TenantLayout.tsx', './Dashboard.tsx'] },
      {
        path: '/t/:slug/courses/:courseId',
        modules: ['./TenantLayout.tsx', './Course.tsx', './Course.data.ts'],
      },
      { path: '/*404', modules: ['./NotFound.tsx'] },
    ])
  })

  it('reads the app’s own routes.ts', () => {
    const pages = flattenRoutes(
      routeTree(parseAst(readFileSync('web/src/routes.ts', 'utf8'), { lang: 'ts' })),
    )
    expect(pages.find((p) => p.path === '/t/:slug/lessons/:lessonId/edit')?.modules).toContain(
      './features/lessons/LessonEdit.tsx',
    )
  })

  const routes: RoutePreload[] = [
    { path: '/', files: ['/assets/Landing.js'] },
    { path: '/t/:slug/courses/:courseId', files: ['/assets/Course.js'] },
    { path: '/t/:slug/courses/new', files: ['/assets/CourseNew.js'] },
  ]

  it('matches a URL as the router does: literal segments before parameters', () => {
    expect(matchRoute(routes, '/')?.files).toEqual(['/assets/Landing.js'])
    expect(matchRoute(routes, '/t/demo/courses/new')?.files).toEqual(['/assets/CourseNew.js'])
    expect(matchRoute(routes, '/t/demo/courses/42/')?.files).toEqual(['/assets/Course.js'])
    expect(matchRoute(routes, '/t/demo/nothing')).toBeUndefined()
  })

  it('names the page’s scripts in the head of the page sent for its URL, and nothing elsewhere', () => {
    const page = createIndexPage('<html><head></head><body></body></html>', { a: 1 }, routes)
    const html = (p: string) => page.answer('identity', p).body.toString()
    expect(html('/t/demo/courses/42')).toContain(
      '<link rel="modulepreload" crossorigin href="/assets/Course.js"></head>',
    )
    expect(html('/t/demo/nothing')).not.toContain('modulepreload')
  })
})
