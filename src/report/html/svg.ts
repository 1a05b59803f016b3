/** What every chart of the HTML report shares: escaping, scales, nice ticks, axes and legends, as SVG text. */

/** Text and attribute values made safe for HTML and SVG. */
export const esc = (text: string): string =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;')

/** A number as an SVG coordinate: short, and never NaN or exponent notation. */
export const at = (n: number): string => (Number.isFinite(n) ? String(Math.round(n * 10) / 10) : '0')

export const number = (n: number): string => n.toLocaleString('en-US', {maximumFractionDigits: 2})

export interface Frame {
  width: number
  height: number
  left: number
  right: number
  top: number
  bottom: number
}

export const FRAME: Frame = {width: 720, height: 300, left: 64, right: 16, top: 40, bottom: 48}

/** A linear map from a domain onto a range of pixels. */
export function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const span = d1 - d0 || 1
  return (v) => r0 + ((v - d0) / span) * (r1 - r0)
}

/** About `count` round ticks (1, 2 or 5 times a power of ten) from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
  const top = max > 0 ? max : 1
  const raw = top / count
  const power = 10 ** Math.floor(Math.log10(raw))
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw) ?? 10) * power
  const ticks: number[] = []
  for (let v = 0; v < top + step * 0.999; v += step) ticks.push(Math.round(v * 1e9) / 1e9)
  return ticks
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const TIME_STEPS = [
  MINUTE,
  5 * MINUTE,
  15 * MINUTE,
  30 * MINUTE,
  HOUR,
  3 * HOUR,
  6 * HOUR,
  12 * HOUR,
  DAY,
  2 * DAY,
  7 * DAY,
  14 * DAY,
  30 * DAY,
  91 * DAY,
  365 * DAY,
]

/** Round instants (UTC) between `t0` and `t1`, at most about `count`, and how to label them. */
export function timeTicks(t0: number, t1: number, count = 6): {ticks: number[]; label: (t: number) => string} {
  const span = Math.max(t1 - t0, MINUTE)
  let step = TIME_STEPS.find((s) => span / s <= count) as number | undefined
  if (step === undefined) step = Math.ceil(span / count / (365 * DAY)) * 365 * DAY
  const ticks: number[] = []
  for (let t = Math.ceil(t0 / step) * step; t <= t1; t += step) ticks.push(t)
  const iso = (t: number): string => new Date(t).toISOString()
  const label = step < DAY ? (t: number) => `${iso(t).slice(5, 10)} ${iso(t).slice(11, 16)}` : (t: number) => iso(t).slice(0, 10)
  return {ticks, label}
}

/** The scale and axes of a chart over time from t0 to t1 with values up to `max`: what every time chart starts from. */
export function timeAxes(t0: number, t1: number, max: number, yTitle: string): {x: (t: number) => number; y: (v: number) => number; axes: string[]} {
  const x = linear(t0, t1, FRAME.left, FRAME.width - FRAME.right)
  const ticks = niceTicks(max)
  const y = linear(0, ticks.at(-1) as number, FRAME.height - FRAME.bottom, FRAME.top)
  const {ticks: times, label} = timeTicks(t0, t1)
  return {
    x,
    y,
    axes: [
      yAxis(FRAME, ticks, y, yTitle),
      xAxis(
        FRAME,
        times.map((t) => [x(t), label(t)]),
        'time (UTC)',
      ),
    ],
  }
}

/** Horizontal grid lines with their labels, and the y-axis title (with its unit). */
export function yAxis(frame: Frame, ticks: number[], y: (v: number) => number, title: string): string {
  const parts = ticks.map(
    (t) =>
      `<line class="grid" x1="${frame.left}" x2="${frame.width - frame.right}" y1="${at(y(t))}" y2="${at(y(t))}"/><text class="tick" x="${frame.left - 6}" y="${at(y(t) + 4)}" text-anchor="end">${esc(number(t))}</text>`,
  )
  const middle = (frame.top + frame.height - frame.bottom) / 2
  parts.push(`<text class="axis-title" transform="translate(14 ${at(middle)}) rotate(-90)" text-anchor="middle">${esc(title)}</text>`)
  return `<g class="y-axis">${parts.join('')}</g>`
}

/** The x axis line, tick labels at `ticks` (pixel positions with labels), and its title. */
export function xAxis(frame: Frame, ticks: Array<[number, string]>, title: string): string {
  const base = frame.height - frame.bottom
  const parts = [`<line class="axis" x1="${frame.left}" x2="${frame.width - frame.right}" y1="${base}" y2="${base}"/>`]
  for (const [x, label] of ticks)
    parts.push(
      `<line class="axis" x1="${at(x)}" x2="${at(x)}" y1="${base}" y2="${base + 4}"/><text class="tick" x="${at(x)}" y="${base + 16}" text-anchor="middle">${esc(label)}</text>`,
    )
  parts.push(
    `<text class="axis-title" x="${at((frame.left + frame.width - frame.right) / 2)}" y="${frame.height - 6}" text-anchor="middle">${esc(title)}</text>`,
  )
  return `<g class="x-axis">${parts.join('')}</g>`
}

/** A legend along the top: a swatch and a name per series, colours by index (CSS --c1 to --c8). */
export function legend(frame: Frame, names: string[]): string {
  let x = frame.left
  const items = names.map((name, i) => {
    const shown = name.length > 28 ? `${name.slice(0, 27)}…` : name
    const item = `<g class="legend-item"><rect class="swatch c${(i % 8) + 1}" x="${at(x)}" y="10" width="12" height="12" rx="2"/><text class="legend" x="${at(x + 16)}" y="20">${esc(shown)}</text></g>`
    x += 28 + shown.length * 7
    return item
  })
  return `<g class="legend">${items.join('')}</g>`
}

/** The chart's SVG element: labelled for screen readers, sized by its viewBox. */
export function svg(id: string, title: string, frame: Frame, body: string): string {
  return `<svg class="chart" data-chart="${esc(id)}" role="img" aria-label="${esc(title)}" viewBox="0 0 ${frame.width} ${frame.height}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>${body}</svg>`
}

/** What a chart without data shows instead of an empty frame. */
export function empty(message: string): string {
  return `<p class="empty">${esc(message)}</p>`
}
