/**
 * The failures of the branch procedure that release and rollback raise alike: a precondition
 * that does not hold (exit 3) and a target that cannot be used (exit 4). Each carries what the
 * user can do next.
 */
import {LlmopsError, type ErrorCode} from '../errors.js'

export const precondition = (message: string, code: ErrorCode, suggestions: string[] = []): LlmopsError => new LlmopsError(message, {code, suggestions})

export const invalidTarget = (message: string, suggestions: string[] = []): LlmopsError => new LlmopsError(message, {code: 'E_INVALID_TARGET', suggestions})
