// Entry of the bundled Action (dist/index.js): only runs main.
import {run} from './main.js'

process.exitCode = await run()
