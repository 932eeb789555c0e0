// Functions passed to page.evaluate run in the browser, against its DOM.
/// <reference lib="dom" />
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, seriousAccessibilityViolations, watchForFaults } from 'test/support/browser';
import { startLiveTusk, type LiveTusk } from 'test/support/live-tusk';

/** What the page showed over time, recorded inside the browser as the DOM changed. */
interface Seen {
  states: string[];
  quorumBar: string[];
  epochs: string[];
}

const RECORDER = `
  window.__seen = { states: [], quorumBar: [], epochs: [] };
  const push = (list, value) => { if (value && list[list.length - 1] !== value) list.push(value); };
  new MutationObserver(() => {
    push(window.__seen.states, document.querySelector('[data-testid=epoch-state]')?.textContent);
    push(window.__seen.epochs, document.querySelector('[data-testid=epoch]')?.textContent);
    const bar = document.querySelector('[data-testid=quorum] [role=progressbar]');
    push(window.__seen.quorumBar, bar === null ? 'no bar' : 'weight ' + bar.getAttribute('aria-valuenow'));
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
`;

// The network runs in real time with 30-second epochs: a view may wait an epoch for its data.
jest.setTimeout(180_000);

describe('the web page, in a real browser against a live Tusk', () => {
  let tusk: LiveTusk;
  let origin: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let faults: string[];
  const screenshots = process.env['TUSK_WEB_SCREENSHOTS'];

  async function api<T>(query: string): Promise<T> {
    const response = await fetch(tusk.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown };
    if (body.data === undefined || body.errors !== undefined) {
      throw new Error(`query failed: ${JSON.stringify(body.errors)}`);
    }
    return body.data;
  }

  /** Polls the API until `condition` holds of its answer; the live network moves in real time. */
  async function apiUntil<T>(query: string, condition: (data: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const data = await api<T>(query).catch(() => undefined);
      if (data !== undefined && condition(data)) {
        return data;
      }
      if (Date.now() > deadline) {
        throw new Error(`timed out waiting for ${what}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  async function capture(name: string): Promise<void> {
    if (screenshots !== undefined) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
    }
  }

  async function expectAccessible(): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  beforeAll(async () => {
    // Epochs long enough that a scheduled commission stays pending while the views are checked.
    tusk = await startLiveTusk('commission-hike', { DEVNET_EPOCH_DURATION_MS: '30000' });
    origin = new URL(tusk.graphqlUrl).origin;
    browser = await launchBrowser();
  }, 120_000);

  beforeEach(async () => {
    context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/Zurich',
    });
    context.setDefaultTimeout(60_000);
    await context.addInitScript(RECORDER);
    page = await context.newPage();
    faults = watchForFaults(page);
  });

  afterEach(async () => {
    await context.close();
    expect(faults).toEqual([]);
  });

  afterAll(async () => {
    await browser.close();
    await tusk.close();
  });

  it('serves the page at / from Tusk itself, compressed, with the API beside it', async () => {
    const html = await fetch(`${origin}/`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await html.text())?.[1];
    expect(script).toBeDefined();
    const bundle = await fetch(`${origin}${script ?? ''}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(bundle.headers.get('content-encoding')).toBe('gzip');
    expect(bundle.headers.get('cache-control')).toContain('immutable');
    // The API's paths stay the API's: a wrong one is an error, not the page.
    expect((await fetch(`${origin}/health`)).headers.get('content-type')).toContain('application/json');
    expect((await fetch(`${origin}/graphql/nowhere`)).headers.get('content-type')).not.toContain('text/html');
  });

  it('sorts, filters and pages the operators, keeping the view in the URL', async () => {
    const { operators } = await api<{ operators: { totalCount: number } }>('{ operators { totalCount } }');
    await page.goto(`${origin}/?size=5`);
    const rows = page.locator('[data-testid=operators] tbody tr');
    await rows.first().waitFor();
    await expect(page.getByTestId('operator-count').innerText()).resolves.toContain(
      `${operators.totalCount} operators`,
    );
    // The table is busy while a new order or page loads; its rows are read once it is not.
    const settled = () => page.locator('[data-testid=operators][aria-busy=false]').waitFor();
    const shardsOf = async () =>
      (await rows.locator('td:nth-child(3)').allInnerTexts()).map((text) => Number(text.trim()));

    await page.getByRole('button', { name: 'Shards' }).click();
    await page.waitForURL(/sort=shards\.desc/);
    await page.waitForFunction(() =>
      document.querySelector('th[aria-sort=descending]')?.textContent.includes('Shards'),
    );
    await settled();
    const descending = await shardsOf();
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.getByRole('button', { name: /Shards/ }).click();
    await page.waitForURL(/sort=shards\.asc/);
    await page.waitForFunction(() =>
      document.querySelector('th[aria-sort=ascending]')?.textContent.includes('Shards'),
    );
    await settled();
    const ascending = await shardsOf();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

    // Every operator once across the pages, five at a time.
    await page.goto(`${origin}/?sort=name.asc&size=5`);
    const names: string[] = [];
    for (;;) {
      await rows.first().waitFor();
      names.push(...(await rows.locator('th a').allInnerTexts()));
      const next = page.getByRole('button', { name: 'Next page' });
      if ((await next.count()) === 0) break;
      const before = await rows.locator('th a').first().innerText();
      await next.click();
      await page.waitForURL(/after=/);
      await page.waitForFunction(
        (name) =>
          document.querySelector('[data-testid=operators]')?.getAttribute('aria-busy') === 'false' &&
          document.querySelector('[data-testid=operators] tbody th a')?.textContent !== name,
        before,
      );
    }
    expect(names).toHaveLength(operators.totalCount);
    expect(new Set(names).size).toBe(operators.totalCount);
    expect(names).toEqual([...names].sort());

    await page.getByLabel('Name contains').fill('node-1');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/q=node-1/);
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid=operators] tbody tr').length === 4,
    );
    expect((await rows.locator('th a').allInnerTexts()).sort()).toEqual([
      'node-1',
      'node-10',
      'node-11',
      'node-12',
    ]);
    await capture('operators');
    await expectAccessible();
  });

  it('shows an operator: identity, charts over the epochs, score, handoffs, and a scheduled commission with its deadline', async () => {
    const { operators } = await apiUntil<{
      operators: {
        edges: { node: { nodeId: string; pendingCommissionRates: { rate: number; status: string }[] } }[];
      };
    }>(
      '{ operators(where: { name_contains: "node-2" }) { edges { node { nodeId pendingCommissionRates { rate status } } } } }',
      (data) =>
        data.operators.edges[0]?.node.pendingCommissionRates.some((entry) => entry.status === 'PENDING') ===
        true,
      'node-2 to schedule its commission rise',
    );
    const nodeId = operators.edges[0]?.node.nodeId ?? '';
    await page.goto(`${origin}/`);
    await page.getByRole('link', { name: 'node-2', exact: true }).click();
    await page.waitForURL(`${origin}/operators/${nodeId}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('node-2');
    await expect(page.getByTestId('pending-commission').innerText()).resolves.toMatch(
      /→ 60% from epoch 3\. To avoid it, request a withdrawal (before .+ \(the voting end of epoch 2\)|in epoch 2)/,
    );
    await page.locator('.chart canvas').nth(3).waitFor();
    expect(await page.locator('.chart canvas').count()).toBeGreaterThanOrEqual(4);
    await expect(page.getByRole('heading', { name: /^Performance score/ }).isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('handoffs').locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(1);
    await capture('operator');
    await expectAccessible();

    await page.goto(`${origin}/operators/0x${'ab'.repeat(32)}`);
    // Visible once the page has asked the API and heard NOT_FOUND: waited for, not read at once.
    await page.getByRole('heading', { name: 'Not found' }).waitFor({ state: 'visible' });
    await page.goto(`${origin}/no/such/page`);
    await page.getByRole('heading', { name: 'Not found' }).waitFor();
  });

  it('simulates a stake: activation, shards before and after, reward per WAL and the warnings; a bad amount gets a message', async () => {
    const { operators } = await apiUntil<{
      operators: { edges: { node: { nodeId: string; pendingCommissionRates: { status: string }[] } }[] };
    }>(
      '{ operators(where: { name_contains: "node-2" }) { edges { node { nodeId pendingCommissionRates { status } } } } }',
      (data) =>
        data.operators.edges[0]?.node.pendingCommissionRates.some((entry) => entry.status === 'PENDING') ===
        true,
      'node-2 to schedule its commission rise',
    );
    const nodeId = operators.edges[0]?.node.nodeId ?? '';
    const { simulateStake } = await api<{
      simulateStake: { activationEpoch: number; before: { shards: number }; after: { shards: number } };
    }>(
      `{ simulateStake(nodeId: "${nodeId}", amount: "5000000000000000") { activationEpoch before { shards } after { shards } } }`,
    );

    await page.goto(`${origin}/simulate`);
    await page.getByLabel('Node').selectOption({ label: 'node-2' });
    await page.getByLabel('Amount (WAL)').fill('5,000,000');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.waitForURL(/\/simulate\?node=0x[0-9a-f]+&amount=5%2C000%2C000/);
    const simulation = page.getByTestId('simulation');
    await simulation.waitFor();
    await expect(simulation.getByRole('heading').innerText()).resolves.toBe(
      'Staking 5,000,000 WAL on node-2',
    );
    const activation = Number((await page.getByTestId('activation-epoch').innerText()).split(' ')[0]);
    expect(activation).toBeGreaterThanOrEqual(simulateStake.activationEpoch);
    expect(activation).toBeLessThanOrEqual(simulateStake.activationEpoch + 1);
    await expect(page.getByTestId('shards-change').innerText()).resolves.toMatch(/^\d+ → \d+$/);
    await expect(page.getByTestId('warnings').innerText()).resolves.toContain(
      'Commission rises from 5% to 60% in epoch 3',
    );
    await capture('simulator');
    await expectAccessible();

    await page.goto(`${origin}/simulate?node=${nodeId}&amount=12.0000000001`);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('WAL has nine decimals');
    expect(await page.getByTestId('simulation').count()).toBe(0);
  });

  it('lists a delegator’s positions with what can be done now, and explains a bad address', async () => {
    const { operators } = await apiUntil<{
      operators: {
        edges: { node: { delegators: { edges: { node: { address: string; positions: number } }[] } } }[];
      };
    }>(
      '{ operators(first: 1) { edges { node { delegators(first: 1, orderBy: PRINCIPAL) { edges { node { address positions } } } } } } }',
      (data) => (data.operators.edges[0]?.node.delegators.edges.length ?? 0) > 0,
      'a delegator',
    );
    const address = operators.edges[0]?.node.delegators.edges[0]?.node.address ?? '';
    const { delegator } = await api<{
      delegator: { positions: { objectId: string }[]; totalPrincipal: string };
    }>(`{ delegator(address: "${address}") { totalPrincipal positions { objectId } } }`);

    await page.goto(`${origin}/positions`);
    await page.getByLabel('Sui address').fill(address);
    await page.getByRole('button', { name: 'Show positions' }).click();
    await page.waitForURL(`${origin}/positions/${address}`);
    const positions = page.getByTestId('positions');
    await positions.waitFor();
    await expect(positions.locator('tbody tr').count()).resolves.toBe(delegator.positions.length);
    const whole = BigInt(delegator.totalPrincipal) / 1_000_000_000n;
    await expect(positions.getByRole('heading').innerText()).resolves.toContain(
      whole.toLocaleString('en-US'),
    );
    for (const text of await positions.locator('tbody td:last-child').allInnerTexts()) {
      expect(text).toMatch(/withdraw_stake/);
    }
    await capture('positions');
    await expectAccessible();

    await page.goto(`${origin}/positions/not-an-address`);
    const alert = page.getByRole('alert');
    await expect(alert.innerText()).resolves.toContain('not a Sui address: not-an-address');
    await expect(alert.innerText()).resolves.toContain('BAD_USER_INPUT');
  });

  it('shows the next committee’s shard changes and the handoff’s progress', async () => {
    await page.goto(`${origin}/next`);
    const table = page.getByTestId('next-committee');
    await table.locator('tbody tr').first().waitFor();
    await expect(table.getByRole('heading').innerText()).resolves.toMatch(
      /^Committee of epoch \d+: (predicted|selected)$/,
    );
    await expect(table.locator('tbody tr').count()).resolves.toBeGreaterThanOrEqual(12);
    await page.getByTestId('handoff').waitFor();
    await capture('next-committee');
    await expectAccessible();
  });

  it('reads well at a phone’s width: nothing wider than the screen but the tables’ own scrolling', async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const small = await phone.newPage();
    const smallFaults = watchForFaults(small);
    try {
      for (const path of ['/', '/simulate', '/next']) {
        await small.goto(`${origin}${path}`);
        await small.locator('main section').first().waitFor();
        await small.waitForLoadState('networkidle').catch(() => undefined);
        const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ path, overflow }).toEqual({ path, overflow: 0 });
      }
      if (screenshots !== undefined) {
        await small.goto(`${origin}/`);
        await small.getByTestId('operators').waitFor();
        await small.screenshot({ path: join(screenshots, 'phone.png'), fullPage: false });
      }
    } finally {
      await phone.close();
    }
    expect(smallFaults).toEqual([]);
  });
  it('shows the network live: countdowns tick and the epoch, its state and the sync quorum change without reload', async () => {
    await page.goto(`${origin}/`);
    await page.getByTestId('epoch').waitFor();
    await page.getByTestId('availability').waitFor();
    const countdown = page.getByTestId('epoch-change').or(page.getByTestId('voting-end')).first();
    const first = await countdown.innerText();
    await page.waitForFunction((before) => {
      const now = document.querySelector('[data-testid=epoch-change], [data-testid=voting-end]')?.textContent;
      return now !== undefined && now !== before;
    }, first);
    await capture('network');
    await expectAccessible();
    // An epoch change and its handoff later, without a reload: the subscriptions carried every step.
    const start = Number(await page.getByTestId('epoch').innerText());
    await page.waitForFunction(
      (epoch) =>
        Number(document.querySelector('[data-testid=epoch]')?.textContent) >= epoch + 1 &&
        document.querySelector('[data-testid=epoch-state]')?.textContent.includes('EpochChangeDone') === true,
      start,
      { timeout: 120_000 },
    );
    const seen = await page.evaluate<Seen>('window.__seen');
    expect(seen.epochs.length).toBeGreaterThanOrEqual(2);
    expect(seen.states.some((state) => state.includes('EpochChangeSync'))).toBe(true);
    expect(seen.states.some((state) => state.includes('EpochChangeDone'))).toBe(true);
    // The quorum bar came with the handoff and went once its quorum was reached.
    const shown = seen.quorumBar.findIndex((entry) => entry.startsWith('weight '));
    expect(shown).toBeGreaterThanOrEqual(0);
    expect(seen.quorumBar.slice(shown)).toContain('no bar');
  });
});
