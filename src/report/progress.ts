export interface Progress {
  bytes: number
  records: number
  elapsedMs: number
  /** The input's size in bytes, when it is known before reading (plain files, not stdin or gzip). */
  totalBytes?: number | undefined
}

/** "42 s", "3 min 05 s", "1 h 02 min": how long is left, rounded up to the second. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`
}

/**
 * One-line progress text for a terminal: `12,345 lines · 48.0 MB · 95.2 MB/s`, and with a known
 * input size `24% · 12,345 lines · 48.0 of 200.0 MB · 95.2 MB/s · 1 min 40 s left`.
 */
export function formatProgress(progress: Progress): string {
  const mb = progress.bytes / 1_048_576
  const rate = progress.elapsedMs > 0 ? mb / (progress.elapsedMs / 1000) : 0
  const lines = `${progress.records.toLocaleString('en-US')} ${progress.records === 1 ? 'line' : 'lines'}`
  const {totalBytes} = progress
  if (totalBytes === undefined || totalBytes <= 0 || progress.bytes > totalBytes) return `${lines} · ${mb.toFixed(1)} MB · ${rate.toFixed(1)} MB/s`
  const percent = Math.min(100, Math.floor((progress.bytes / totalBytes) * 100))
  const remaining = totalBytes - progress.bytes
  const left = rate > 0 && progress.bytes > 0 && remaining > 0 ? ` · ${formatDuration((remaining / 1_048_576 / rate) * 1000)} left` : ''
  return `${percent}% · ${lines} · ${mb.toFixed(1)} of ${(totalBytes / 1_048_576).toFixed(1)} MB · ${rate.toFixed(1)} MB/s${left}`
}

/** Redraws a single status line on stderr at most every `intervalMs`; `clear()` erases it. */
export class ProgressLine {
  private last = 0
  private shown = false
  private readonly started = performance.now()

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly intervalMs = 200,
    private readonly totalBytes?: number,
  ) {}

  update(progress: {bytes: number; records: number}): void {
    const now = performance.now()
    if (now - this.last < this.intervalMs) return
    this.last = now
    this.shown = true
    this.stream.write(`\r${formatProgress({...progress, elapsedMs: now - this.started, totalBytes: this.totalBytes})}\u001B[K`)
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001B[K')
    this.shown = false
  }
}
