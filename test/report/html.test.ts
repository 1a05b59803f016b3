import {describe, expect, it} from 'vitest'

import {groupedBarChart, stackedTimeChart} from '../../src/report/html/bar-chart.js'
import {lineChart} from '../../src/report/html/line-chart.js'
import {esc, niceTicks, timeTicks} from '../../src/report/html/svg.js'

const HOUR = 3_600_000
const T0 = Date.UTC(2026, 2, 1)

describe('HTML report charts', () => {
  it('escape every label and name: a version or type cannot inject markup', () => {
    const hostile = '<img src=x onerror=alert(1)>"\''
    const bars = groupedBarChart({
      id: 'x',
      title: hostile,
      categories: [hostile],
      series: [{name: hostile, values: [3]}],
      xTitle: hostile,
      yTitle: 'ms',
      unit: 'ms',
    })
    expect(bars).not.toContain('<img')
    expect(bars).toContain(esc('<img src=x'))
    const line = lineChart({id: 'l', title: 't', times: [T0], widthMs: HOUR, series: [{name: hostile, values: [1]}], yTitle: 'ms', unit: 'ms'})
    expect(line).not.toContain('<img')
  })

  it('draw a mark per value with its data, and break a line where a bucket has no value', () => {
    const chart = lineChart({
      id: 'l',
      title: 't',
      times: [T0, T0 + HOUR, T0 + 2 * HOUR],
      widthMs: HOUR,
      series: [{name: 'p95', values: [100, null, 300]}],
      yTitle: 'latency (ms)',
      unit: 'ms',
    })
    expect(chart.match(/data-value="/g)).toHaveLength(2)
    expect(/ d="(M[^"]*)"/.exec(chart)?.[1]?.match(/M/g)).toHaveLength(2)
    expect(chart).toContain('latency (ms)')
    const stacked = stackedTimeChart({
      id: 's',
      title: 't',
      times: [T0, T0 + HOUR],
      widthMs: HOUR,
      series: [
        {name: 'EMAIL', values: [2, 0]},
        {name: 'PHONE', values: [1, 4]},
      ],
      yTitle: 'findings',
      unit: 'findings',
    })
    expect(stacked.match(/<rect class="bar/g)).toHaveLength(3)
  })

  it('say there is no data instead of drawing an empty frame', () => {
    expect(lineChart({id: 'l', title: 'Latency', times: [], widthMs: HOUR, series: [], yTitle: '', unit: ''})).toContain('class="empty"')
    expect(lineChart({id: 'l', title: 'Latency', times: [T0], widthMs: HOUR, series: [{name: 'p95', values: [null]}], yTitle: '', unit: ''})).toContain(
      'class="empty"',
    )
    expect(stackedTimeChart({id: 's', title: 'Findings', times: [T0], widthMs: HOUR, series: [{name: 'EMAIL', values: [0]}], yTitle: '', unit: ''})).toContain(
      'class="empty"',
    )
    expect(groupedBarChart({id: 'g', title: 'Feedback', categories: [], series: [], xTitle: '', yTitle: '', unit: ''})).toContain('class="empty"')
  })

  it('pick round ticks that cover the data, and time ticks on round UTC instants', () => {
    expect(niceTicks(4560)).toEqual([0, 1000, 2000, 3000, 4000, 5000])
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3])
    expect(niceTicks(0)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    const {ticks, label} = timeTicks(T0 + 10 * 60_000, T0 + 26 * HOUR)
    expect(ticks.length).toBeGreaterThan(1)
    expect(ticks.length).toBeLessThanOrEqual(7)
    for (const t of ticks) expect(t % HOUR).toBe(0)
    expect(label(T0 + 6 * HOUR)).toBe('03-01 06:00')
    expect(timeTicks(T0, T0 + 400 * 24 * HOUR).label(T0)).toBe('2026-03-01')
  })
})
