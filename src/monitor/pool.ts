import {Worker} from 'node:worker_threads'

import {processBatch, type BatchJob, type BatchOptions, type BatchResult} from './batch.js'
import type {ContextSettings} from './context.js'
import type {AnalyzeContext} from './types.js'

/** What a worker needs to build its own analysis context (plain data). */
export interface WorkerInit {
  settings: ContextSettings
  options: BatchOptions
}

/** A batch result, from a worker (moved back as it is) or from the main thread. */
export type PoolResult = BatchResult

interface Member {
  worker: Worker
  inFlight: number
}

interface Task {
  resolve: (result: PoolResult) => void
  reject: (error: Error) => void
  member: Member
}

/** Frames a worker may hold before the main thread takes the next one itself. */
const MAX_IN_FLIGHT = 2
const YOUNG_GENERATION_MB = 8

// In development (tsx) this file is .ts, and so is the worker next to it.
const WORKER_URL = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url)

/**
 * Runs frames on worker threads and on the main thread, whichever is free: the monitor is
 * CPU-bound (regular expressions), so each core adds throughput. Frames travel as raw
 * bytes (moved, not copied) and come back encoded; the caller keeps the results in order.
 */
export class AnalysisPool {
  private readonly members: Member[] = []
  private readonly pending = new Map<number, Task>()
  private nextId = 0

  constructor(
    private readonly context: AnalyzeContext,
    private readonly init: WorkerInit,
    private readonly threads: number,
  ) {}

  /** Frames that may be in flight before the caller waits for the oldest. */
  get capacity(): number {
    return this.threads * (MAX_IN_FLIGHT + 1) + 1
  }

  runInline(job: BatchJob): Promise<BatchResult> {
    return Promise.resolve(processBatch(job, this.context, this.init.options))
  }

  /** Hand the frame to a free worker thread, or analyse it here when all are busy. */
  run(job: BatchJob): Promise<PoolResult> {
    if (this.threads > 0 && this.members.length === 0) this.start()
    const member = this.members.find((m) => m.inFlight < MAX_IN_FLIGHT)
    if (member === undefined) return this.runInline(job)
    const id = this.nextId++
    member.inFlight++
    return new Promise((resolve, reject) => {
      this.pending.set(id, {resolve, reject, member})
      member.worker.postMessage({id, job}, job.bytes === undefined ? [] : [job.bytes.buffer as ArrayBuffer])
    })
  }

  async close(): Promise<void> {
    await Promise.all(this.members.map((m) => m.worker.terminate()))
    this.members.length = 0
  }

  /** Start the worker threads (lazily, so small inputs never pay for them). */
  private start(): void {
    for (let i = 0; i < this.threads; i++) {
      // A small young generation: the worker's garbage is short-lived, and each MB here is RSS.
      const worker = new Worker(WORKER_URL, {workerData: this.init, resourceLimits: {maxYoungGenerationSizeMb: YOUNG_GENERATION_MB}})
      const member: Member = {worker, inFlight: 0}
      member.worker.on('message', ({id, result, error}: {id: number; result?: PoolResult; error?: string}) => {
        const task = this.pending.get(id)
        if (task === undefined) return
        this.pending.delete(id)
        task.member.inFlight--
        if (error === undefined) task.resolve(result as PoolResult)
        else task.reject(new Error(`worker failed: ${error}`))
      })
      member.worker.on('error', (error) => this.failAll(error))
      this.members.push(member)
    }
  }

  private failAll(error: Error): void {
    for (const task of this.pending.values()) task.reject(error)
    this.pending.clear()
  }
}
