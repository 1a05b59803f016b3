import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** Folder boundaries from ARCHITECTURE.md, enforced instead of remembered. */
const pureEngine = {
  patterns: [
    {group: ['node:*', 'fs', 'path', 'child_process', 'zlib', 'os'], message: 'engine/ and rules/ are pure: no IO.'},
    {group: ['@oclif/*', '@actions/*', 'simple-git', 'execa', 'zod'], message: 'engine/ and rules/ do not depend on frameworks.'},
    {group: ['../io/*', '../config/*', '../monitor/*', '../report/*', '../commands/*', '../git/*', '../base-command.js'], message: 'engine/ and rules/ sit below every other layer.'},
  ],
}

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
    ignores: ['src/git/run.ts'],
    rules: {'no-restricted-imports': ['error', {paths: [{name: 'simple-git', message: 'Only src/git/run.ts runs git.'}]}]},
  },
  {files: ['src/engine/**', 'src/rules/**'], rules: {'no-restricted-imports': ['error', pureEngine]}},
  {
    files: ['src/io/**', 'src/config/**'],
    rules: {'no-restricted-imports': ['error', {patterns: [{group: ['../monitor/*', '../report/*', '../commands/*', '../base-command.js'], message: 'io/ and config/ sit below the use cases.'}]}]},
  },
  {
    files: ['src/report/**'],
    rules: {'no-restricted-imports': ['error', {patterns: [{group: ['node:*', '../io/*', '../commands/*', '../config/load.js'], message: 'report/ formats results: pure, no IO.'}]}]},
  },
  {
    files: ['src/engine/**', 'src/rules/**'],
    rules: {'no-restricted-globals': ['error', {name: 'process', message: 'engine/ and rules/ must not look at process.'}]},
  },
  {files: ['bench/**', 'bin/**', 'test/**'], rules: {'no-console': 'off'}},
)
