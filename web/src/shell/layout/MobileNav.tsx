// Namespace import: `Dialog.Content` of the merged `Dialog` object becomes an alertdialog once
// Kobalte's AlertDialog is loaded (it assigns its parts onto the shared root).
import * as Dialog from '@kobalte/core/dialog'
import { A } from '@solidjs/router'
import LogOut from 'lucide-solid/icons/log-out'
import Menu from 'lucide-solid/icons/menu'
import X from 'lucide-solid/icons/x'
import { createSignal, For, type JSX, Show } from 'solid-js'
import { useSignOut } from '../../features/auth/useSignOut.ts'
import { roleLabel } from '../../lib/format.ts'
import { useApp } from '../state/AppContext.tsx'

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

/** The phone navigation: a hamburger that opens a drawer with every link of the header. */
export function MobileNav() {
  const { session, tenant, config } = useApp()
  const signOut = useSignOut()
  const [open, setOpen] = createSignal(false)
  const close = () => setOpen(false)
  return (
    <Dialog.Root open={open()} onOpenChange={setOpen}>
      <Dialog.Trigger class="btn-ghost size-10 px-0 md:hidden" aria-label="Open menu">
        <Menu size={20} />
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay class="fixed inset-0 z-50 bg-black/50" />
        <Dialog.Content class="fixed inset-y-0 right-0 z-50 flex w-80 max-w-[85vw] flex-col overflow-y-auto border-l border-line bg-surface p-4 shadow-xl outline-none">
          <div class="mb-4 flex items-center justify-between">
            <Dialog.Title class="text-lg font-semibold">Menu</Dialog.Title>
            <Dialog.CloseButton class="btn-ghost size-10 px-0" aria-label="Close menu">
              <X size={20} />
            </Dialog.CloseButton>
          </div>
          <nav aria-label="Main" class="flex flex-1 flex-col gap-1">
            <Show
              when={session.user()}
              fallback={
                <>
                  <Link href="/signin" onClick={close}>
                    Sign in
                  </Link>
                  <Link href="/signup" onClick={close}>
                    Get started
                  </Link>
                </>
              }
            >
              <Show when={tenant.memberships().length > 0}>
                <p class="px-3 pt-2 pb-1 text-xs font-semibold text-muted uppercase">Your schools</p>
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
                Create a school
              </Link>
              <div class="my-2 border-t border-line" />
              <Link href="/account" onClick={close}>
                Account
              </Link>
              <Show when={session.isSuperadmin()}>
                <Link href="/admin" onClick={close}>
                  Platform admin
                </Link>
              </Show>
            </Show>
            <Show when={config.localMailbox}>
              <Link href="/mailbox" onClick={close}>
                Mailbox (local)
              </Link>
            </Show>
          </nav>
          <Show when={session.user()}>
            <div class="mt-4 border-t border-line pt-4">
              <p class="truncate px-3 text-sm text-muted">{session.user()?.email}</p>
              <button
                type="button"
                class={`${LINK} mt-1 w-full justify-start gap-2`}
                onClick={() => {
                  close()
                  void signOut()
                }}
              >
                <LogOut size={18} />
                Sign out
              </button>
            </div>
          </Show>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
