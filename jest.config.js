/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/contracts', '<rootDir>/web/src', '<rootDir>/runtime', '<rootDir>/api', '<rootDir>/worker', '<rootDir>/sandbox-images', '<rootDir>/scripts', '<rootDir>/tests', '<rootDir>/fixtures'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }],
    // jose (JWT and JWKS, for LTI) ships only ES modules, which jest's CommonJS runtime cannot load as they are.
    '/node_modules/jose/.+\\.js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs', target: 'es2022' }, diagnostics: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  modulePathIgnorePatterns: ['<rootDir>/.build/', '<rootDir>/data/'],
  // End-to-end tests share one Redis and one Docker engine on a two-core machine.
  maxWorkers: 2,
  // The longest suites first: a fresh clone has no timings for jest to order them by.
  testSequencer: '<rootDir>/tests/support/slow-first-sequencer.js',
  testTimeout: 120_000,
};
