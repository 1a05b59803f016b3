/** A line chart over time: one line per series, a point per bucket, gaps where a bucket has no value. */
import {at, empty, esc, FRAME, legend, number, svg, timeAxes} from './svg.js'

export interface TimeSeries {
  name: string
  /** One value per instant of `times`; null for none. */
  values: Array<number | null>
}

export interface LineChartSpec {
  id: string
  title: string
  /** Instants (ms since the epoch): bucket starts. */
  times: number[]
  /** Width of a bucket (ms): points sit in its middle. */
  widthMs: number
  series: TimeSeries[]
  yTitle: string
  unit: string
}

export function lineChart(spec: LineChartSpec): string {
  const values = spec.series.flatMap((s) => s.values.filter((v): v is number => v !== null))
  if (spec.times.length === 0 || values.length === 0) return empty(`${spec.title}: no records with a time of their own`)
  const frame = FRAME
  const t0 = (spec.times[0] as number) - spec.widthMs / 2
  const t1 = (spec.times.at(-1) as number) + spec.widthMs * 1.5
  const {x, y, axes} = timeAxes(t0, t1, Math.max(...values), spec.yTitle)
  const body = axes
  for (const [i, series] of spec.series.entries()) {
    const colour = `c${(i % 8) + 1}`
    let d = ''
    let pen = 'M'
    const points: string[] = []
    for (const [j, v] of series.values.entries()) {
      if (v === null) {
        pen = 'M'
        continue
      }

      const px = x((spec.times[j] as number) + spec.widthMs / 2)
      d += `${pen}${at(px)} ${at(y(v))}`
      pen = 'L'
      const when = new Date(spec.times[j] as number).toISOString().slice(0, 16).replace('T', ' ')
      points.push(
        `<circle class="point ${colour}" cx="${at(px)}" cy="${at(y(v))}" r="2.5" data-value="${v}"><title>${esc(`${series.name}, ${when}: ${number(v)} ${spec.unit}`)}</title></circle>`,
      )
    }

    body.push(
      `<g class="series" data-series="${esc(series.name)}"><path class="line ${colour}" d="${d}" data-points="${points.length}"/>${points.join('')}</g>`,
    )
  }

  body.push(
    legend(
      frame,
      spec.series.map((s) => s.name),
    ),
  )
  return svg(spec.id, spec.title, frame, body.join(''))
}
