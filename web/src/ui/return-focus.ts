/**
 * Hands focus back to whatever opened a dialog when it closes. Kobalte's modal dialogs return
 * focus only to their own `Trigger`; ours are opened by plain buttons and menu items, so without
 * this focus fell to <body> and keyboard users had to start again from the top of the page.
 * Spread the result on a dialog's `Content`.
 */
export function returnFocusToOpener() {
  let opener: HTMLElement | null = null
  return {
    onOpenAutoFocus: () => {
      opener = openerOf(document.activeElement)
    },
    onCloseAutoFocus: (e: Event) => {
      if (opener?.isConnected) {
        e.preventDefault()
        opener.focus({ preventScroll: true })
      }
      opener = null
    },
  }
}

/** A menu item is gone once its menu closes: the button that opened the menu stands in for it. */
function openerOf(active: Element | null): HTMLElement | null {
  if (!(active instanceof HTMLElement)) return null
  const menu = active.closest('[role="menu"]')
  const trigger = menu ? document.getElementById(menu.getAttribute('aria-labelledby') ?? '') : null
  return trigger ?? active
}
