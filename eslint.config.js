// ESLint for the whole repository: typescript-eslint's type-checked recommended rules on every TypeScript file, each
// file checked against the tsconfig.json nearest to it (shared/, electron/, renderer/ have their own; the root one
// covers cli/, simulator/, scripts/, bench/ and tests/).
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    'out/',
    'dist/',
    'release/',
    'coverage/',
    'renderer/dist/',
    '.tmp/',
    '.prof/',
    // Written by `npm run generate:notify-tables`; tests/unit/notify/generated-tables.test.ts checks they match it.
    'shared/notify/international-billing-rates.ts',
    'shared/notify/phone-number-local-only-lengths.ts',
  ]),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          // The renderer's Vite config belongs to no tsconfig project.
          allowDefaultProject: ['renderer/vite.config.ts'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // The contract's handlers, the keychain and the service interfaces return promises; an implementation with
      // nothing to wait for is still written `async`, so that what it throws reaches the caller as a rejection.
      '@typescript-eslint/require-await': 'off',
      // Notify's text rules match control characters (which it strips or refuses) on purpose.
      'no-control-regex': 'off',
      // Notify's text rules list zero-width joiners, variation selectors and combining marks one code point at a time
      // in character classes, on purpose.
      'no-misleading-character-class': 'off',
      // A parameter a subclass needs but this implementation does not is named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Vitest's asymmetric matchers (expect.any, expect.stringMatching, ...) are typed `any` by design.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },
  {
    // The launch and build scripts are plain JavaScript run by Node: no types to check them against.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
      },
    },
  },
  {
    // Draws the installer's pictures in a browser page (page.evaluate).
    files: ['scripts/make-icons.mjs'],
    languageOptions: { globals: { document: 'readonly', Image: 'readonly' } },
  },
);
