import {availableParallelism} from 'node:os'
import {setFlagsFromString} from 'node:v8'

/** Worker threads a scan uses unless told (--jobs): cores minus one, at most 3 (each holds its own rules and buffers). */
export function defaultThreads(): number {
  return Math.min(3, availableParallelism() - 1)
}

/**
 * Heap growth for a long scan, set once by the CLI (never by the library: the flag is the
 * process's). A scan makes garbage at a steady rate, and V8's own choice lets each heap grow up
 * to several times what is live between full collections, differently from run to run: peak RSS
 * was 178 to 204 MiB on 100 MiB of logs. Growing by half at most keeps it at about 163 MiB, run
 * after run, for no measurable CPU (docs/monitoring.md, "Memory"). Worker threads started later
 * read the same flag.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString('--heap-growing-percent=50')
}
