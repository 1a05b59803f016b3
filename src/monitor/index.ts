/** The monitor use case, shared by the CLI command and the GitHub Action. */
export {analyzeLine} from './analyze.js'
export {prepareContext} from './context.js'
export {scanSources, type ScanSourcesOptions} from './scan-sources.js'
export {type AnalyzeContext} from './types.js'
