import {availableParallelism} from 'node:os'

/** Worker threads a scan uses unless told (--jobs): cores minus one, at most 3 (each holds its own rules and buffers). */
export function defaultThreads(): number {
  return Math.min(3, availableParallelism() - 1)
}
