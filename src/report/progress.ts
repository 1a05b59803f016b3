/** One-line progress text for a terminal: `12,345 lines · 48.0 MB · 95.2 MB/s`. */
export function formatProgress(progress: {bytes: number; records: number; elapsedMs: number}): string {
  const mb = progress.bytes / 1_048_576
  const rate = progress.elapsedMs > 0 ? mb / (progress.elapsedMs / 1000) : 0
  return `${progress.records.toLocaleString('en-US')} lines · ${mb.toFixed(1)} MB · ${rate.toFixed(1)} MB/s`
}

/** Redraws a single status line on stderr at most every `intervalMs`; `clear()` erases it. */
export class ProgressLine {
  private last = 0
  private shown = false
  private readonly started = performance.now()

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly intervalMs = 200,
  ) {}

  update(progress: {bytes: number; records: number}): void {
    const now = performance.now()
    if (now - this.last < this.intervalMs) return
    this.last = now
    this.shown = true
    this.stream.write(`\r${formatProgress({...progress, elapsedMs: now - this.started})}\u001B[K`)
  }

  clear(): void {
    if (this.shown) this.stream.write('\r\u001B[K')
    this.shown = false
  }
}
