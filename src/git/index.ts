/** Every git operation of llmops: a runner (run.ts), the commands as data (commands.ts), and the repository the use cases call (git.ts). */
export {pushArguments, type CommitInfo, type TagRef} from './commands.js'
export {Git, openGit} from './git.js'
export {firstLines, GitCommandError, gitEnvironment, type GitCommand, type GitOutput} from './run.js'
