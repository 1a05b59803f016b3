/**
 * Bar charts: grouped bars by category (latency by model version, feedback by version and type),
 * and bars stacked over time (findings by type per bucket).
 */
import {at, empty, esc, FRAME, legend, linear, niceTicks, number, svg, timeAxes, xAxis, yAxis} from './svg.js'

export interface BarSeries {
  name: string
  /** One value per category (grouped) or per instant (stacked). */
  values: Array<number | null>
}

export interface GroupedBarSpec {
  id: string
  title: string
  categories: string[]
  series: BarSeries[]
  xTitle: string
  yTitle: string
  unit: string
}

/** A label cut to `max` characters in the middle: versions differ at their end (`support-bot-v2.3.1`), so the end is kept. */
const short = (text: string, max: number): string => {
  if (text.length <= max) return text
  const tail = Math.ceil((max - 1) / 2)
  return `${text.slice(0, max - 1 - tail)}…${text.slice(-tail)}`
}

export function groupedBarChart(spec: GroupedBarSpec): string {
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  if (spec.categories.length === 0 || values.length === 0) return empty(`${spec.title}: no data`)
  const frame = {...FRAME, bottom: 64}
  const ticks = niceTicks(Math.max(...values))
  const y = linear(0, ticks.at(-1) as number, frame.height - frame.bottom, frame.top)
  const slot = (frame.width - frame.left - frame.right) / spec.categories.length
  const bar = Math.max(1, (slot * 0.8) / spec.series.length)
  const labelMax = Math.max(6, Math.floor(slot / 7))
  const body = [
    yAxis(frame, ticks, y, spec.yTitle),
    xAxis(
      frame,
      spec.categories.map((c, i) => [frame.left + slot * (i + 0.5), short(c, labelMax)]),
      spec.xTitle,
    ),
  ]
  for (const [i, series] of spec.series.entries()) {
    const colour = `c${(i % 8) + 1}`
    const rects = series.values.map((v, j) => {
      if (v === null) return ''
      const x0 = frame.left + slot * j + slot * 0.1 + bar * i
      return `<rect class="bar ${colour}" x="${at(x0)}" y="${at(y(v))}" width="${at(bar - 1)}" height="${at(y(0) - y(v))}" data-value="${v}"><title>${esc(`${series.name}, ${spec.categories[j]}: ${number(v)} ${spec.unit}`)}</title></rect>`
    })
    body.push(`<g class="series" data-series="${esc(series.name)}">${rects.join('')}</g>`)
  }

  body.push(
    legend(
      frame,
      spec.series.map((s) => s.name),
    ),
  )
  return svg(spec.id, spec.title, frame, body.join(''))
}

export interface StackedTimeSpec {
  id: string
  title: string
  times: number[]
  widthMs: number
  series: BarSeries[]
  yTitle: string
  unit: string
}

export function stackedTimeChart(spec: StackedTimeSpec): string {
  const totals = spec.times.map((_, j) => spec.series.reduce((sum, s) => sum + (s.values[j] ?? 0), 0))
  if (spec.times.length === 0 || spec.series.length === 0 || Math.max(0, ...totals) === 0)
    return empty(`${spec.title}: none in the records with a time of their own`)
  const frame = FRAME
  const t0 = spec.times[0] as number
  const t1 = (spec.times.at(-1) as number) + spec.widthMs
  const {x, y, axes} = timeAxes(t0, t1, Math.max(...totals), spec.yTitle)
  const body = axes
  const base = spec.times.map(() => 0)
  const width = Math.max(1, x(t0 + spec.widthMs) - x(t0) - 1)
  for (const [i, series] of spec.series.entries()) {
    const colour = `c${(i % 8) + 1}`
    const rects = series.values.map((v, j) => {
      if (v === null || v === 0) return ''
      const bottom = base[j] as number
      base[j] = bottom + v
      const when = new Date(spec.times[j] as number).toISOString().slice(0, 16).replace('T', ' ')
      return `<rect class="bar ${colour}" x="${at(x(spec.times[j] as number))}" y="${at(y(bottom + v))}" width="${at(width)}" height="${at(y(bottom) - y(bottom + v))}" data-value="${v}"><title>${esc(`${series.name}, ${when}: ${number(v)} ${spec.unit}`)}</title></rect>`
    })
    body.push(`<g class="series" data-series="${esc(series.name)}">${rects.join('')}</g>`)
  }

  body.push(
    legend(
      frame,
      spec.series.map((s) => s.name),
    ),
  )
  return svg(spec.id, spec.title, frame, body.join(''))
}
