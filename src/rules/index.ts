import type {Rule} from '../engine/types.js'
import {piiRules} from './pii.js'

/** Every built-in rule, in priority order. */
export const builtinRules: readonly Rule[] = [...piiRules]
