// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/', 'target/', 'node_modules/', 'tests/.artifacts/', 'tests/fixtures/**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node, chrome: 'readonly', browser: 'readonly' } },
    rules: {
      'no-restricted-properties': ['error',
        { property: 'innerHTML', message: 'Page text is rendered as text only: use textContent / DOM APIs.' },
        { property: 'outerHTML', message: 'Page text is rendered as text only.' },
        { property: 'insertAdjacentHTML', message: 'Page text is rendered as text only.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
);
