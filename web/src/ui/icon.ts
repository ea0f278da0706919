// Lucide's icons, drawn for the cost of a cloned <svg>. lucide-solid's own component runs a dozen
// reactive primitives per icon (props split and merged, memos, <Dynamic> per path), which on a
// phone made the icons of the header alone cost more than the page they sit on. The build points
// every `lucide-solid/icons/<name>` import here (scripts/lib/light-icons.ts), so code imports
// icons exactly as lucide documents it and keeps its types; the drawing is the same SVG.
import { createRenderEffect, type JSX } from 'solid-js'

/** One icon's drawing as lucide ships it (`__iconData`): elements and their attributes. */
export interface IconData {
  name: string
  node: [tag: string, attrs: Record<string, string | number>][]
}

type IconProps = JSX.SvgSVGAttributes<SVGSVGElement> & {
  size?: number | string
  color?: string
  strokeWidth?: number | string
}

const SVG_NS = 'http://www.w3.org/2000/svg'

/** lucide's default attributes, the same on every icon. */
const DEFAULTS: Record<string, string> = {
  width: '24',
  height: '24',
  viewBox: '0 0 24 24',
  fill: 'none',
  stroke: 'currentColor',
  'stroke-width': '2',
  'stroke-linecap': 'round',
  'stroke-linejoin': 'round',
}

function drawing(data: IconData): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg')
  for (const [name, value] of Object.entries(DEFAULTS)) svg.setAttribute(name, value)
  svg.setAttribute('class', `lucide lucide-${data.name}`)
  for (const [tag, attrs] of data.node) {
    const child = document.createElementNS(SVG_NS, tag)
    for (const [name, value] of Object.entries(attrs))
      if (name !== 'key') child.setAttribute(name, String(value))
    svg.append(child)
  }
  return svg
}

/** Props that name an icon for assistive technology (lucide hides every other icon from it). */
const labels = (key: string) => key.startsWith('aria-') || key === 'role' || key === 'title'

function setProp(svg: SVGSVGElement, name: string, key: string, value: unknown): void {
  const set = (attr: string, v: unknown) =>
    v === undefined || v === null || v === false
      ? svg.removeAttribute(attr)
      : svg.setAttribute(attr, String(v))
  if (key === 'size') {
    set('width', value ?? DEFAULTS.width)
    set('height', value ?? DEFAULTS.height)
  } else if (key === 'class') set('class', `lucide lucide-${name}${value ? ` ${value}` : ''}`)
  else if (key === 'strokeWidth') set('stroke-width', value ?? DEFAULTS['stroke-width'])
  else if (key === 'color') set('stroke', value ?? DEFAULTS.stroke)
  else set(key, value)
}

/** The component for one icon: a clone of its drawing with the given props as attributes. */
export function lightIcon(data: IconData): (props: IconProps) => JSX.Element {
  let template: SVGSVGElement | undefined
  return (props) => {
    template ??= drawing(data)
    const svg = template.cloneNode(true) as SVGSVGElement
    let labelled = false
    for (const key of Object.keys(props)) {
      if (key === 'children') continue
      labelled ||= labels(key)
      const read = Object.getOwnPropertyDescriptor(props, key)?.get
      if (read) createRenderEffect(() => setProp(svg, data.name, key, read.call(props)))
      else setProp(svg, data.name, key, props[key as keyof IconProps])
    }
    if (!labelled) svg.setAttribute('aria-hidden', 'true')
    return svg
  }
}
