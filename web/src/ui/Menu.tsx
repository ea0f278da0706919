import {
  createContext,
  createSignal,
  createUniqueId,
  type JSX,
  onCleanup,
  type ParentProps,
  Show,
  useContext,
} from 'solid-js'

// Menus (the header's, a row's actions, canned replies) as the WAI-ARIA menu button pattern on plain elements: a few hundred bytes
// where a headless library's menu (with its positioning and focus trap) weighed tens of kilobytes
// on every first load. Not modal: the rest of the page stays visible to screen readers.

const ITEMS = '[role="menuitem"],[role="menuitemradio"],[role="menuitemcheckbox"]'

/** Closes the menu that holds an item, after its action. */
const MenuContext = createContext<() => void>()

/** A menu item's look: highlighted while pointed at or focused by the arrow keys. */
export const MENU_ITEM =
  'flex w-full cursor-pointer items-center gap-2 rounded-md px-3 py-2 text-left text-sm outline-none hover:bg-subtle focus:bg-subtle'

/** The items of an open menu, in order. */
function itemsOf(menu: HTMLElement | undefined): HTMLElement[] {
  return menu ? [...menu.querySelectorAll<HTMLElement>(ITEMS)] : []
}

/** Moves focus within the items: by `step` from the focused one, or to the first (0) or last (-1). */
function focusItem(menu: HTMLElement | undefined, to: 'first' | 'last' | 1 | -1) {
  const items = itemsOf(menu)
  if (!items.length) return
  const at = items.indexOf(document.activeElement as HTMLElement)
  const next = to === 'first' ? 0 : to === 'last' ? items.length - 1 : (at + to + items.length) % items.length
  items[next].focus()
}

export interface MenuProps {
  /** The trigger's accessible name when its content does not say it (e.g. an icon). */
  label?: string
  triggerClass: string
  trigger: JSX.Element
  /** Which edge of the trigger the menu lines up with. */
  align: 'start' | 'end'
  /** Below the trigger (default) or above it (a picker at the bottom of a form). */
  side?: 'top' | 'bottom'
  contentClass: string
  /** Shown above the items, outside the menu itself (a menu holds only items, groups, separators). */
  header?: JSX.Element
  children: JSX.Element
}

/**
 * A button that opens a menu below it. Enter, Space or ↓ open it on the first item, ↑ on the last;
 * arrows, Home and End move; Escape closes it and returns focus to the button; Tab, a click
 * outside or choosing an item closes it.
 */
export function Menu(props: MenuProps) {
  const id = createUniqueId()
  const [open, setOpen] = createSignal(false)
  let root: HTMLDivElement | undefined
  let button: HTMLButtonElement | undefined
  let menu: HTMLDivElement | undefined

  const close = (refocus = true) => {
    if (!open()) return
    setOpen(false)
    if (refocus) button?.focus()
  }
  const show = (to: 'first' | 'last') => {
    setOpen(true)
    focusItem(menu, to)
  }
  const onOutside = (event: PointerEvent) => {
    if (open() && !root?.contains(event.target as Node)) close(false)
  }
  document.addEventListener('pointerdown', onOutside)
  onCleanup(() => document.removeEventListener('pointerdown', onOutside))

  const onMenuKey = (event: KeyboardEvent) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusItem(menu, 1),
      ArrowUp: () => focusItem(menu, -1),
      Home: () => focusItem(menu, 'first'),
      End: () => focusItem(menu, 'last'),
      Escape: () => close(),
    }
    if (event.key === 'Tab') return close(false)
    const action = keys[event.key]
    if (!action) return
    event.preventDefault()
    action()
  }

  return (
    <div ref={root} class="relative">
      <button
        ref={button}
        type="button"
        id={`${id}-button`}
        class={props.triggerClass}
        aria-label={props.label}
        title={props.label}
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls={open() ? `${id}-menu` : undefined}
        onClick={() => (open() ? close() : show('first'))}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
          event.preventDefault()
          show(event.key === 'ArrowDown' ? 'first' : 'last')
        }}
      >
        {props.trigger}
      </button>
      <Show when={open()}>
        <div
          class={`absolute z-50 ${props.side === 'top' ? 'bottom-full mb-2' : 'top-full mt-2'} ${props.align === 'end' ? 'right-0' : 'left-0'} ${props.contentClass}`}
        >
          {props.header}
          <div
            ref={menu}
            id={`${id}-menu`}
            role="menu"
            aria-labelledby={`${id}-button`}
            onKeyDown={onMenuKey}
          >
            <MenuContext.Provider value={close}>{props.children}</MenuContext.Provider>
          </div>
        </div>
      </Show>
    </div>
  )
}

/** Choosing an item: the menu closes first (focus back on its button), then the action runs. */
function useChoose(action: () => void) {
  const close = useContext(MenuContext)
  return () => {
    close?.()
    action()
  }
}

/** An action of a menu; choosing it closes the menu first. */
export function MenuItem(props: ParentProps<{ onSelect: () => void; class?: string }>) {
  const choose = useChoose(() => props.onSelect())
  return (
    <button type="button" role="menuitem" tabindex="-1" class={props.class ?? MENU_ITEM} onClick={choose}>
      {props.children}
    </button>
  )
}

/** One choice of a set (theme): checked when it is the current one. */
export function MenuRadioItem(
  props: ParentProps<{ checked: boolean; onSelect: () => void; class?: string }>,
) {
  const choose = useChoose(() => props.onSelect())
  return (
    <button
      type="button"
      role="menuitemradio"
      tabindex="-1"
      aria-checked={props.checked}
      class={props.class ?? MENU_ITEM}
      onClick={choose}
    >
      {props.children}
    </button>
  )
}

/** An on/off choice (a text style): checked while it is on; disabled ones say so and do nothing. */
export function MenuCheckboxItem(
  props: ParentProps<{ checked: boolean; disabled?: boolean; onSelect: () => void; class?: string }>,
) {
  const choose = useChoose(() => props.onSelect())
  return (
    <button
      type="button"
      role="menuitemcheckbox"
      tabindex="-1"
      aria-checked={props.checked}
      aria-disabled={props.disabled || undefined}
      class={props.class ?? MENU_ITEM}
      onClick={() => !props.disabled && choose()}
    >
      {props.children}
    </button>
  )
}

/** A labelled group of items. */
export function MenuGroup(props: ParentProps<{ label: string }>) {
  const id = createUniqueId()
  return (
    <div role="group" aria-labelledby={id}>
      <div id={id} class="px-3 py-1.5 text-xs font-semibold text-muted uppercase">
        {props.label}
      </div>
      {props.children}
    </div>
  )
}

/** A line between groups of items. */
export function MenuSeparator() {
  return <hr class="my-1 border-line" />
}
