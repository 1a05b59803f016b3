import {once} from 'node:events'

/** A reader of our stdout went away (`llmops monitor | head`): stop quietly. */
export class OutputClosed extends Error {
  constructor() {
    super('output closed')
    this.name = 'OutputClosed'
  }
}

/**
 * Writes to a stream with backpressure: waits for `drain` when the stream's buffer is full, so a
 * slow consumer slows the monitor down instead of letting memory grow.
 */
export class StreamWriter {
  private failure: Error | undefined

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      this.failure = error.code === 'EPIPE' ? new OutputClosed() : error
      stream.emit('drain')
    })
  }

  async write(text: string | Uint8Array): Promise<void> {
    if (this.failure) throw this.failure
    if (text.length === 0) return
    if (!this.stream.write(text)) await once(this.stream, 'drain')
    if (this.failure) throw this.failure
  }
}
