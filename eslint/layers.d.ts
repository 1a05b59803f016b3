import type {ESLint} from 'eslint'

/** From the ground up: each part of src/ and what it owns. */
export declare const LAYERS: ReadonlyArray<Readonly<Record<string, string>>>
declare const plugin: ESLint.Plugin
export default plugin
