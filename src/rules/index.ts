import type {Rule} from '../engine/types.js'
import {financialRules} from './financial.js'
import {networkRules} from './network.js'
import {piiRules} from './pii.js'
import {providerRules} from './providers.js'
import {secretRules} from './secrets.js'

/** Every built-in rule. Overlaps are resolved by severity, then confidence, so order does not matter. */
export const builtinRules: readonly Rule[] = [...secretRules, ...providerRules, ...piiRules, ...financialRules, ...networkRules]
