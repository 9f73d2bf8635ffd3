import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'docs/', 'src/web/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Drivers live behind src/platform/; everything else goes through its interfaces.
      'no-restricted-imports': ['error', {
        paths: ['pg', 'ioredis', '@electric-sql/pglite', 'kysely-pglite-dialect', '@duckdb/node-api', '@aws-sdk/client-s3']
          .map((name) => ({ name, message: 'Drivers are imported only inside src/platform/.' })),
        patterns: [{ group: ['@nats-io/*'], message: 'Drivers are imported only inside src/platform/.' }],
      }],
    },
  },
  {
    files: ['src/platform/**', 'test/contract/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
