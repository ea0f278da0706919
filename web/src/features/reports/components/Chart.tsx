import { createEffect, createSignal, onCleanup, onMount } from 'solid-js'
import type uPlot from 'uplot'

// A small time chart drawn by uPlot (about 20 KiB, loaded with the first chart, never with the first
// screen). The canvas is decoration for sighted readers: every chart's numbers are also a table
// (ChartCard), which screen readers read and people copy.

export interface Series {
  label: string
  values: (number | null)[]
  /** A CSS colour. */
  color: string
}

let library: Promise<typeof uPlot> | undefined
const loadUplot = () => {
  library ??= Promise.all([import('uplot'), import('uplot/dist/uPlot.min.css')]).then(([m]) => m.default)
  return library
}

const HEIGHT = 180

/** Lines of `series` over `times` (seconds since 1970, one per week). */
export function Chart(props: { times: number[]; series: Series[]; format?: (n: number) => string }) {
  let box!: HTMLDivElement
  const [plot, setPlot] = createSignal<uPlot>()
  onMount(async () => {
    const UPlot = await loadUplot()
    const muted = getComputedStyle(box).color
    const axis = { stroke: muted, grid: { stroke: 'rgba(128,128,128,0.15)' }, ticks: { show: false } }
    const chart = new UPlot(
      {
        width: box.clientWidth || 320,
        height: HEIGHT,
        legend: { show: true, live: false },
        cursor: { show: true, points: { size: 6 } },
        scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(1, max) * 1.1] } },
        axes: [
          {
            ...axis,
            values: (_u, ticks) =>
              ticks.map((t) =>
                new Date(t * 1000).toLocaleDateString(undefined, { day: 'numeric', month: 'short' }),
              ),
          },
          {
            ...axis,
            size: 48,
            values: (_u, ticks) => ticks.map((t) => (props.format ? props.format(t) : String(t))),
          },
        ],
        series: [
          {},
          ...props.series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            points: { size: 5, fill: s.color },
          })),
        ],
      },
      [props.times, ...props.series.map((s) => s.values)] as uPlot.AlignedData,
      box,
    )
    setPlot(chart)
    const resize = new ResizeObserver(() => chart.setSize({ width: box.clientWidth, height: HEIGHT }))
    resize.observe(box)
    onCleanup(() => {
      resize.disconnect()
      chart.destroy()
    })
  })
  createEffect(() =>
    plot()?.setData([props.times, ...props.series.map((s) => s.values)] as uPlot.AlignedData),
  )
  return <div ref={box} class="min-h-[220px] w-full text-xs text-muted" aria-hidden="true" />
}
