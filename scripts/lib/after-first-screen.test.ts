import { describe, expect, it } from 'vitest'
import { holdsAny } from './after-first-screen.ts'

describe('holdsAny', () => {
  it('finds a module as a chunk of its own or inside a group, by path ending', () => {
    const modules = ['/src/ui/Toaster.tsx', '/src/features/notifications/NotificationBell.tsx']
    expect(
      holdsAny({ facadeModuleId: '/w/web/src/features/notifications/NotificationBell.tsx' }, modules),
    ).toBe(true)
    expect(
      holdsAny(
        { facadeModuleId: null, moduleIds: ['/w/web/src/ui/Dialog.tsx', '/w/web/src/ui/Toaster.tsx'] },
        modules,
      ),
    ).toBe(true)
    expect(holdsAny({ facadeModuleId: 'C:\\w\\web\\src\\ui\\Toaster.tsx' }, modules)).toBe(true)
    expect(holdsAny({ facadeModuleId: '/w/web/src/features/home/Home.tsx', moduleIds: [] }, modules)).toBe(
      false,
    )
  })
})
