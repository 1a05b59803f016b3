import js from '@eslint/js'
import tseslint from 'typescript-eslint'

import house from './eslint/layers.js'

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
  // The boundaries of src/ (layers, no import cycles, who may import which package): one plugin,
  // so that no later block of this file can replace one of them. The tables are in eslint/layers.js.
  {files: ['src/**/*.ts'], plugins: {house}, rules: {'house/layers': 'error', 'house/no-cycle': 'error', 'house/packages': 'error'}},
  {
    files: ['src/engine/**', 'src/rules/**', 'src/text/**', 'src/results/**'],
    rules: {'no-restricted-globals': ['error', {name: 'process', message: 'the pure parts of src/ must not look at process.'}]},
  },
  {files: ['bench/**', 'bin/**', 'test/**'], rules: {'no-console': 'off'}},
)
