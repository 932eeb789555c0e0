import 'test/support/global-setup';

export default async function globalTeardown(): Promise<void> {
  await globalThis.tuskTestDatabase?.stop();
  globalThis.tuskTestDatabase = undefined;
}
