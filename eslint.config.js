import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', '.tools/**', 'test-results/**', 'playwright-report/**', 'artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
      // Electron (and every other dependency) marks what is going away; the app must not use it.
      '@typescript-eslint/no-deprecated': 'error',
    },
  },
  {
    // The layers (docs/architecture.md): main/core is plain Node and knows only itself and the
    // contract; main/policy decides with the core; main/electron adapts Electron to both; the
    // preload and the renderer know only the contract. eslint-plugin-boundaries fails the lint when
    // an import crosses a layer the wrong way.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'contract', pattern: 'preload/contract' },
        { type: 'preload', pattern: 'preload' },
        { type: 'core', pattern: 'main/core' },
        { type: 'policy', pattern: 'main/policy' },
        { type: 'electron', pattern: 'main/electron' },
        { type: 'main', pattern: 'main' },
        { type: 'renderer', pattern: 'renderer' },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          policies: [
            { from: { element: { type: 'contract' } }, allow: { to: { element: { type: 'contract' } } } },
            { from: { element: { type: 'core' } }, allow: { to: { element: { types: { anyOf: ['core', 'contract'] } } } } },
            { from: { element: { type: 'policy' } }, allow: { to: { element: { types: { anyOf: ['policy', 'core', 'contract'] } } } } },
            { from: { element: { type: 'electron' } }, allow: { to: { element: { types: { anyOf: ['electron', 'policy', 'core', 'contract'] } } } } },
            { from: { element: { type: 'main' } }, allow: { to: { element: { types: { anyOf: ['main', 'electron', 'policy', 'core', 'contract'] } } } } },
            { from: { element: { type: 'preload' } }, allow: { to: { element: { types: { anyOf: ['preload', 'contract'] } } } } },
            { from: { element: { type: 'renderer' } }, allow: { to: { element: { types: { anyOf: ['renderer', 'contract'] } } } } },
          ],
        },
      ],
    },
  },
  {
    // Electron itself only in the adapters, the entry point and the preload script.
    files: ['main/core/**/*.ts', 'main/policy/**/*.ts', 'preload/contract/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only main/electron/, main/index.ts and preload/ may use Electron: this layer runs in plain Node or a browser.' }] }] },
  },
  {
    // Size and branching as a check: a function that outgrows these is split along its seams.
    files: ['main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 15],
    },
  },
  {
    // Every sentence a person reads comes from the catalogues (preload/contract/i18n/): no words in
    // JSX text or in the attributes people read, in error messages, tray labels or notifications.
    files: ['main/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'JSXText[value=/[A-Za-z]{2,}/]', message: 'Words on screen come from the catalogue: t(\'area.key\').' },
        { selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label|question|ask|keep|confirm|failed)$/] > Literal[value=/[A-Za-z]{2,}/]:not([value=/^https?:/])', message: 'Words people read come from the catalogue: t(\'area.key\').' },
        { selector: 'JSXAttribute[name.name=/^(aria-label|title|placeholder|alt|label)$/] > JSXExpressionContainer > TemplateLiteral', message: 'Words people read come from the catalogue, with values: t(\'area.key\', { … }).' },
        { selector: 'NewExpression[callee.name="AppError"] > :matches(Literal, TemplateLiteral):nth-child(2)', message: 'An error message comes from the catalogue: t(\'error.…\').' },
        { selector: 'CallExpression[callee.name="notify"] > :matches(Literal[value=/[A-Za-z]{2,}/], TemplateLiteral):nth-child(2)', message: 'A notice comes from the catalogue: t(\'area.key\').' },
        { selector: 'Property[key.name=/^(label|title|body|reason|summary)$/] > :matches(Literal[value=/[A-Za-z]{2,} [A-Za-z]/], TemplateLiteral)', message: 'A label, title or reason people read comes from the catalogue: t(\'area.key\').' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Vitest's asymmetric matchers (expect.any, expect.objectContaining) are typed `any`.
    files: ['test/**/*.test.ts', 'test/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    // Command-line entry points print to the console by design.
    files: ['test/simulator/cli.ts', 'test/host/preview.ts', 'scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
