import {describe, expect, it} from 'vitest'

import {formatDuration, formatProgress} from '../../src/report/progress.js'

describe('formatProgress', () => {
  it('shows lines, megabytes and throughput', () => {
    expect(formatProgress({bytes: 52_428_800, records: 48_395, elapsedMs: 500})).toBe('48,395 lines · 50.0 MB · 100.0 MB/s')
    expect(formatProgress({bytes: 0, records: 0, elapsedMs: 0})).toBe('0 lines · 0.0 MB · 0.0 MB/s')
  })

  it('adds the percentage and the time left when the input size is known', () => {
    expect(formatProgress({bytes: 52_428_800, records: 48_395, elapsedMs: 500, totalBytes: 209_715_200})).toBe(
      '25% · 48,395 lines · 50.0 of 200.0 MB · 100.0 MB/s · 2 s left',
    )
    expect(formatProgress({bytes: 10_485_760, records: 1, elapsedMs: 10_000, totalBytes: 1_048_576_000})).toBe(
      '1% · 1 line · 10.0 of 1000.0 MB · 1.0 MB/s · 16 min 30 s left',
    )
    expect(formatProgress({bytes: 1000, records: 5, elapsedMs: 80, totalBytes: 1000})).toBe('100% · 5 lines · 0.0 of 0.0 MB · 0.0 MB/s')
    // nothing read yet: no rate, so no time left
    expect(formatProgress({bytes: 0, records: 0, elapsedMs: 0, totalBytes: 1000})).toBe('0% · 0 lines · 0.0 of 0.0 MB · 0.0 MB/s')
  })

  it('drops the percentage when more was read than the size said (the input grew)', () => {
    expect(formatProgress({bytes: 2000, records: 3, elapsedMs: 1000, totalBytes: 1000})).toBe('3 lines · 0.0 MB · 0.0 MB/s')
  })

  it('says how long is left in seconds, minutes or hours', () => {
    expect(formatDuration(400)).toBe('1 s')
    expect(formatDuration(59_000)).toBe('59 s')
    expect(formatDuration(185_000)).toBe('3 min 05 s')
    expect(formatDuration(3_720_000)).toBe('1 h 02 min')
  })
})
