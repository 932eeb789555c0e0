/** Set by the e2e global setup: the URL of a real PostgreSQL started for this test run. */
export const TEST_DATABASE_URL_VARIABLE = 'TUSK_TEST_DATABASE_URL';

export function testDatabaseUrl(): string {
  const url = process.env[TEST_DATABASE_URL_VARIABLE];
  if (url === undefined) {
    throw new Error(
      `${TEST_DATABASE_URL_VARIABLE} is not set: run the e2e tests through jest's global setup`,
    );
  }
  return url;
}
