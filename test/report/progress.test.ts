import {describe, expect, it} from 'vitest'

import {formatProgress} from '../../src/report/progress.js'

describe('formatProgress', () => {
  it('shows lines, megabytes and throughput', () => {
    expect(formatProgress({bytes: 52_428_800, records: 48_395, elapsedMs: 500})).toBe('48,395 lines · 50.0 MB · 100.0 MB/s')
    expect(formatProgress({bytes: 0, records: 0, elapsedMs: 0})).toBe('0 lines · 0.0 MB · 0.0 MB/s')
  })
})
