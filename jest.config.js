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
  testTimeout: 120_000,
};
