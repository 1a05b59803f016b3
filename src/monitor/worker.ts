/** Worker-thread entry: analyses frames for the pool in pool.ts. */
import {parentPort, workerData} from 'node:worker_threads'

import {processBatch, type BatchJob} from './batch.js'
import {prepareContext} from './context.js'
import type {WorkerInit} from './pool.js'

const init = workerData as WorkerInit
const context = prepareContext(init.settings)

parentPort?.on('message', ({id, job}: {id: number; job: BatchJob}) => {
  try {
    const {output, facts, blank, unchanged, sanitized, outside, keys} = processBatch(job, context, init.options)
    // Bytes already (each in its own memory): moved back without a copy.
    const moved: ArrayBuffer[] = [output.buffer as ArrayBuffer, sanitized.buffer as ArrayBuffer]
    if (keys !== undefined) moved.push(keys.buffer as ArrayBuffer)
    parentPort?.postMessage({id, result: {output, facts, blank, unchanged, sanitized, outside, keys}}, moved)
  } catch (error) {
    parentPort?.postMessage({id, error: error instanceof Error ? (error.stack ?? error.message) : String(error)})
  }
})
