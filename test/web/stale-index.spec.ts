// Functions passed to page.evaluate run in the browser, against its DOM.
/// <reference lib="dom" />
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchForFaults } from 'test/support/browser';
import { startIndexedApi, type IndexedApi } from 'test/support/indexer-harness';

describe('the web page over an index that lags the chain', () => {
  let api: IndexedApi;
  let browser: Browser;
  let origin: string;

  beforeAll(async () => {
    // A history indexed in virtual time, months before now: every checkpoint is long past.
    api = await startIndexedApi('steady-state', 17, 2);
    await api.app.listen(0, '127.0.0.1');
    const { port } = (api.app.getHttpServer() as Server).address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await api.close();
  });

  it('says how far behind it is on every view, and still shows what it has', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const faults = watchForFaults(page);
    try {
      for (const path of ['/', '/next']) {
        await page.goto(`${origin}${path}`);
        const banner = page.locator('[data-testid=freshness].stale');
        await banner.waitFor();
        await expect(banner.innerText()).resolves.toMatch(/The index is \d+ d \d+ h behind the chain\./);
      }
      await page.goto(`${origin}/`);
      await page.locator('[data-testid=operators] tbody tr').first().waitFor();
      await expect(page.locator('[data-testid=operators] tbody tr').count()).resolves.toBe(
        api.devnet.network.nodes.size,
      );
    } finally {
      await context.close();
    }
    expect(faults).toEqual([]);
  });
});
