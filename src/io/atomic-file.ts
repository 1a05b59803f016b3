import {createWriteStream, type WriteStream} from 'node:fs'
import {rename, rm, stat} from 'node:fs/promises'
import path from 'node:path'
import {once} from 'node:events'

import {usageError} from '../errors.js'
import {writeProblem} from './fs-problem.js'
import {StreamWriter} from './output.js'

/**
 * A file that appears whole or not at all: written to a temporary file next to it, renamed
 * into place on commit, removed on abort. A crash or Ctrl-C never leaves half a file behind.
 */
export class AtomicFile {
  private constructor(
    readonly target: string,
    private readonly temp: string,
    private readonly stream: WriteStream,
    readonly writer: StreamWriter,
  ) {}

  static async create(target: string, shown = target): Promise<AtomicFile> {
    if ((await stat(target).catch(() => undefined))?.isDirectory()) throw usageError(`cannot write ${shown}: it is a directory`, 'E_OUTPUT')
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.llmops-${process.pid}.tmp`)
    const stream = createWriteStream(temp, {flags: 'wx'})
    try {
      await once(stream, 'open')
    } catch (error) {
      throw usageError(`cannot write ${shown}: ${writeProblem(error)}`, 'E_OUTPUT')
    }

    return new AtomicFile(target, temp, stream, new StreamWriter(stream))
  }

  async commit(): Promise<void> {
    this.stream.end()
    await once(this.stream, 'finish')
    await rename(this.temp, this.target)
  }

  async abort(): Promise<void> {
    this.stream.destroy()
    await rm(this.temp, {force: true})
  }

  /** Write a whole text to `target` atomically. */
  static async write(target: string, text: string | Uint8Array, shown = target): Promise<void> {
    const file = await AtomicFile.create(target, shown)
    try {
      await file.writer.write(text)
      await file.commit()
    } catch (error) {
      await file.abort()
      throw error
    }
  }
}
