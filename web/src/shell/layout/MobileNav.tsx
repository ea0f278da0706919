import { A, useLocation } from '@solidjs/router'
import LogOut from 'lucide-solid/icons/log-out'
import Menu from 'lucide-solid/icons/menu'
import X from 'lucide-solid/icons/x'
import { createSignal, createUniqueId, For, type JSX, Show } from 'solid-js'
import { isPupilLoginEmail } from '../../../../edge/contract/pupils-values.ts'
import { roleLabel } from '../../lib/format.ts'
import { translator } from '../../lib/i18n/i18n.ts'
import { schoolSlugOf } from '../../lib/navigation.ts'
import { messages } from '../messages.ts'
import { useApp } from '../state/AppContext.tsx'
import type { ThemePreference } from '../state/theme-preference.ts'
import { useLazySignOut } from './lazy-sign-out.ts'
import { schoolSections } from './school-sections.ts'

const t = translator(messages)

const LINK =
  'flex items-center justify-between rounded-lg px-3 py-2.5 text-base hover:bg-subtle aria-[current=page]:bg-subtle aria-[current=page]:font-semibold'

/** A link of the drawer; following it closes the drawer. */
function Link(props: { href: string; children: JSX.Element; end?: boolean; onClick: () => void }) {
  return (
    <A href={props.href} end={props.end} class={LINK} onClick={props.onClick}>
      {props.children}
    </A>
  )
}

/**
 * The phone navigation: a hamburger that opens a drawer with every link of the header. A native
 * modal <dialog>: the browser makes the page behind it inert, closes it on Escape and puts focus
 * back on the hamburger.
 */
export function MobileNav() {
  const { session, tenant, config } = useApp()
  const signOut = useLazySignOut()
  const titleId = createUniqueId()
  let dialog: HTMLDialogElement | undefined
  let opener: HTMLButtonElement | undefined
  const close = () => dialog?.close()
  const location = useLocation()
  /** The school whose pages are open: its sections come first in the drawer. */
  const school = () => tenant.membershipFor(schoolSlugOf(location.pathname))
  // The drawer's links are drawn when it first opens, not on every page load (most never open it).
  const [drawn, setDrawn] = createSignal(false)
  return (
    <>
      <button
        ref={opener}
        type="button"
        class="btn-ghost size-10 px-0 md:hidden"
        aria-label={t('drawer.open')}
        title={t('drawer.open')}
        aria-haspopup="dialog"
        onClick={() => {
          setDrawn(true)
          dialog?.showModal()
        }}
      >
        <Menu size={20} />
      </button>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; keyboards close it with Escape (native) or the close button */}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        class="m-0 ml-auto h-dvh max-h-none w-80 max-w-[85vw] border-l border-line bg-surface p-0 text-fg shadow-xl backdrop:bg-black/50"
        onClick={(event) => event.target === dialog && close()}
        onClose={() => {
          // Browsers put focus back on the opener; make sure it never ends on the page's body.
          if (!document.activeElement || document.activeElement === document.body) opener?.focus()
        }}
      >
        <Show when={drawn()}>
          <div class="flex min-h-full flex-col overflow-y-auto p-4">
            <div class="mb-4 flex items-center justify-between">
              <h2 id={titleId} class="text-lg font-semibold">
                {t('drawer.title')}
              </h2>
              <button
                type="button"
                class="btn-ghost size-10 px-0"
                aria-label={t('drawer.close')}
                onClick={close}
              >
                <X size={20} />
              </button>
            </div>
            <nav aria-label={t('nav.main')} class="flex flex-1 flex-col gap-1">
              <Show
                when={session.user()}
                fallback={
                  <>
                    <Link href="/signin" onClick={close}>
                      {t('nav.signIn')}
                    </Link>
                    <Link href="/signup" onClick={close}>
                      {t('nav.getStarted')}
                    </Link>
                  </>
                }
              >
                <Show when={school()}>
                  {(m) => (
                    <>
                      <p class="truncate px-3 pt-2 pb-1 text-xs font-semibold text-muted uppercase">
                        {m().tenant_name}
                      </p>
                      <For each={schoolSections(m().role)}>
                        {(section) => (
                          <Link
                            href={`/t/${m().tenant_slug}${section.path}`}
                            end={section.path === ''}
                            onClick={close}
                          >
                            <span class="flex items-center gap-3">
                              <section.icon size={18} />
                              {section.label}
                            </span>
                          </Link>
                        )}
                      </For>
                      <div class="my-2 border-t border-line" />
                    </>
                  )}
                </Show>
                <Show when={tenant.memberships().length > 0}>
                  <p class="px-3 pt-2 pb-1 text-xs font-semibold text-muted uppercase">
                    {t('schools.title')}
                  </p>
                  <For each={tenant.memberships()}>
                    {(m) => (
                      <Link href={`/t/${m.tenant_slug}`} onClick={close}>
                        <span class="truncate">{m.tenant_name}</span>
                        <span class="ml-2 shrink-0 text-xs text-muted">{roleLabel(m.role)}</span>
                      </Link>
                    )}
                  </For>
                </Show>
                <Link href="/app/new-school" onClick={close}>
                  {t('schools.create')}
                </Link>
                <div class="my-2 border-t border-line" />
                <Link href="/account" onClick={close}>
                  {t('menu.accountPage')}
                </Link>
                <Show when={session.isSuperadmin()}>
                  <Link href="/admin" onClick={close}>
                    {t('menu.platformAdmin')}
                  </Link>
                </Show>
              </Show>
              <Show when={config.localMailbox}>
                <Link href="/mailbox" onClick={close}>
                  {t('footer.mailbox')}
                </Link>
              </Show>
            </nav>
            <ThemeChoice />
            <Show when={session.user()}>
              <div class="mt-4 border-t border-line pt-4">
                <Show when={!isPupilLoginEmail(session.user()?.email)}>
                  <p class="truncate px-3 text-sm text-muted">{session.user()?.email}</p>
                </Show>
                <button
                  type="button"
                  class={`${LINK} mt-1 w-full justify-start gap-2`}
                  onClick={() => {
                    close()
                    void signOut()
                  }}
                >
                  <LogOut size={18} />
                  {t('menu.signOut')}
                </button>
              </div>
            </Show>
          </div>
        </Show>
      </dialog>
    </>
  )
}

const THEMES: ThemePreference[] = ['light', 'dark', 'system']

/** Light / dark / system as three labelled choices (the header's theme menu, on a phone). */
function ThemeChoice() {
  const { theme } = useApp()
  return (
    <fieldset class="mt-4 border-t border-line px-3 pt-4">
      <legend class="sr-only">{t('theme.title')}</legend>
      <p aria-hidden="true" class="pb-2 text-xs font-semibold text-muted uppercase">
        {t('theme.title')}
      </p>
      <div class="grid grid-cols-3 gap-2">
        <For each={THEMES}>
          {(value) => (
            <label class="btn-secondary min-h-10 cursor-pointer px-2 has-checked:border-primary has-checked:bg-primary/10 has-checked:text-primary has-focus-visible:outline-2 has-focus-visible:outline-focus">
              <input
                type="radio"
                name="theme"
                class="sr-only"
                checked={theme.preference() === value}
                onChange={() => theme.setPreference(value)}
              />
              {t(`theme.${value}`)}
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}
