import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Folder boundaries from ARCHITECTURE.md, enforced instead of remembered. */
const pureEngine = {
  patterns: [
    {group: ['node:*', 'fs', 'path', 'child_process', 'zlib', 'os'], message: 'engine/ and rules/ are pure: no IO.'},
    {group: ['@oclif/*', '@actions/*', 'simple-git', 'execa', 'zod'], message: 'engine/ and rules/ do not depend on frameworks.'},
    {group: ['../io/*', '../config/*', '../monitor/*', '../report/*', '../commands/*', '../git.js', '../base-command.js'], message: 'engine/ and rules/ sit below every other layer.'},
  ],
}

const onlyGitTalksToGit = {name: 'simple-git', message: 'Only src/git.ts talks to git.'}

/** release/ and rollback/ share the branch procedure through branch/, never with each other; branch/ knows neither. */
const branchUseCases = [
  {folder: 'src/release', group: ['../rollback/*'], message: 'release/ does not import rollback/: what both use lives in branch/.'},
  {folder: 'src/rollback', group: ['../release/*'], message: 'rollback/ does not import release/: what both use lives in branch/.'},
  {folder: 'src/branch', group: ['../release/*', '../rollback/*'], message: 'branch/ serves release/ and rollback/ and imports neither.'},
]

/** The text views of the branch use cases format results, like report/: pure, no IO. */
const textViewIsPure = {group: ['node:*', '../io/*', '../commands/*', '../config/load.js'], message: 'Text views format results: pure, no IO.'}

export default tseslint.config(
  {ignores: ['lib/**', 'dist/**', 'node_modules/**', 'coverage/**', 'oclif.manifest.json', 'bench/.data/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {process: 'readonly', console: 'readonly', Buffer: 'readonly', performance: 'readonly', URL: 'readonly'}},
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', {fixStyle: 'inline-type-imports'}],
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
      'no-console': 'error',
      eqeqeq: 'error',
    },
  },
  {
    files: ['src/**'],
    ignores: ['src/git.ts'],
    rules: {'no-restricted-imports': ['error', {paths: [onlyGitTalksToGit]}]},
  },
  {files: ['src/engine/**', 'src/rules/**'], rules: {'no-restricted-imports': ['error', pureEngine]}},
  {
    files: ['src/io/**', 'src/config/**'],
    rules: {'no-restricted-imports': ['error', {patterns: [{group: ['../monitor/*', '../report/*', '../commands/*', '../base-command.js'], message: 'io/ and config/ sit below the use cases.'}]}]},
  },
  {
    files: ['src/report/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {group: ['node:*', '../io/*', '../commands/*', '../config/load.js'], message: 'report/ formats results: pure, no IO.'},
            {group: ['../branch/*', '../release/*', '../rollback/*'], message: 'The branch use cases keep their text views (release/text.ts, rollback/text.ts); report/ does not import them.'},
          ],
        },
      ],
    },
  },
  // One rule entry per file (a later entry replaces an earlier one), so each keeps the simple-git ban.
  ...branchUseCases.map(({folder, group, message}) => ({
    files: [`${folder}/**`],
    rules: {'no-restricted-imports': ['error', {paths: [onlyGitTalksToGit], patterns: [{group, message}]}]},
  })),
  ...branchUseCases.map(({folder, group, message}) => ({
    files: [`${folder}/text.ts`],
    rules: {'no-restricted-imports': ['error', {paths: [onlyGitTalksToGit], patterns: [{group, message}, textViewIsPure]}]},
  })),
  {
    files: ['src/engine/**', 'src/rules/**'],
    rules: {'no-restricted-globals': ['error', {name: 'process', message: 'engine/ and rules/ must not look at process.'}]},
  },
  {files: ['bench/**', 'bin/**', 'test/**'], rules: {'no-console': 'off'}},
)
