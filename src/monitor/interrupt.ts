import {ExitCode} from '../errors.js'

/** Ctrl-C (or SIGTERM) stops the run gracefully; a second one exits at once. */
export function interruptController(): {signal: AbortSignal; dispose: () => void} {
  const controller = new AbortController()
  const onSignal = (): void => {
    if (controller.signal.aborted) process.exit(ExitCode.INTERRUPTED)
    controller.abort()
  }

  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  return {
    signal: controller.signal,
    dispose() {
      process.off('SIGINT', onSignal)
      process.off('SIGTERM', onSignal)
    },
  }
}
