/**
 * Hands items from a producer that pushes (the monitor's callbacks) to a consumer that pulls
 * (`for await`), one batch at a time: the producer waits until its batch is taken, so memory
 * stays flat whatever the input size. The consumer can stop early, or stop taking items.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private queue: T[] = []
  private ended = false
  private failure: {error: unknown} | undefined
  /** The consumer stopped (`return()`), or asked that what it does not read be skipped. */
  private closed = false
  private wakeConsumer: (() => void) | undefined
  private wakeProducer: (() => void) | undefined

  constructor(private readonly onClose: () => void = () => {}) {}

  /** Resolves once every item is taken, or at once when the consumer is gone. */
  async send(items: readonly T[]): Promise<void> {
    if (this.closed || items.length === 0) return
    this.queue.push(...items)
    this.wake()
    while (this.queue.length > 0 && !this.closed) await new Promise<void>((resolve) => (this.wakeProducer = resolve))
  }

  end(failure?: {error: unknown}): void {
    this.ended = true
    this.failure = failure
    this.wake()
  }

  /** Skip every item not taken yet, and those to come. */
  drop(): void {
    this.closed = true
    this.queue = []
    this.wake()
  }

  async next(): Promise<IteratorResult<T>> {
    for (;;) {
      const item = this.queue.shift()
      if (item !== undefined) {
        if (this.queue.length === 0) this.wake()
        return {value: item, done: false}
      }

      if (this.failure !== undefined) throw this.failure.error
      if (this.ended || this.closed) return {value: undefined, done: true}
      await new Promise<void>((resolve) => (this.wakeConsumer = resolve))
    }
  }

  async return(): Promise<IteratorResult<T>> {
    if (!this.ended && !this.closed) this.onClose()
    this.drop()
    return {value: undefined, done: true}
  }

  [Symbol.asyncIterator](): this {
    return this
  }

  private wake(): void {
    const consumer = this.wakeConsumer
    const producer = this.wakeProducer
    this.wakeConsumer = undefined
    this.wakeProducer = undefined
    consumer?.()
    producer?.()
  }
}
