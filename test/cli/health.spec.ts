import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runTusk } from 'test/support/run-cli';

const FIXTURES = join(__dirname, '..', 'fixtures', 'node-health');
const recorded = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

/** A storage node's REST API as far as `tusk health` reads it: one canned answer per path. */
async function serveNode(answer: { status: number; body: string; type?: string }): Promise<{
  url: string;
  paths: string[];
  close(): Promise<void>;
}> {
  const paths: string[] = [];
  const server: Server = createServer((request, response) => {
    paths.push(request.url ?? '');
    response.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
    response.end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    paths,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

describe('tusk health --url', () => {
  const servers: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const node = async (answer: { status: number; body: string; type?: string }) => {
    const served = await serveNode(answer);
    servers.push(served);
    return served;
  };

  it('reads the first shape the node software shipped (flat counts, no nodeStatus), as recorded', async () => {
    const served = await node({ status: 200, body: recorded('walrus-pr980-flat-summary.json') });
    const run = await runTusk(['health', '--url', served.url, '--json']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toStrictEqual({
      nodeStatus: null,
      epoch: 1,
      owned: 3,
      ready: 3,
      inTransfer: 0,
      inRecovery: 0,
      unknown: 0,
      readOnly: 0,
    });
    expect(served.paths).toEqual(['/v1/health?detailed=true']);
  });

  it('reads the ownedShardStatus shape with nodeStatus, as recorded from a 1.10 node', async () => {
    const served = await node({ status: 200, body: recorded('walrus-1.10-active.json') });
    const run = await runTusk(['health', '--url', served.url, '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toStrictEqual({
      nodeStatus: 'Active',
      epoch: 4,
      owned: 2,
      ready: 2,
      inTransfer: 0,
      inRecovery: 0,
      unknown: 0,
      readOnly: 0,
    });
    const text = await runTusk(['health', '--url', served.url]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Status: Active');
    expect(text.stdout).toMatch(/^Owned shards: 2 {2}\[#{30}\] 2 ready$/m);
  });

  it('gives the recovery and read-only counts of a node in the middle of a handoff', async () => {
    const body = JSON.parse(recorded('walrus-1.10-active.json')) as {
      success: { data: Record<string, unknown> };
    };
    body.success.data.nodeStatus = 'RecoveryInProgress (4)';
    body.success.data.shardSummary = {
      owned: 5,
      ownedShardStatus: { unknown: 1, ready: 1, inTransfer: 2, inRecovery: 1 },
      readOnly: 3,
    };
    const served = await node({ status: 200, body: JSON.stringify(body) });
    const run = await runTusk(['health', '--url', served.url, '--json']);
    expect(JSON.parse(run.stdout)).toStrictEqual({
      nodeStatus: 'RecoveryInProgress (4)',
      epoch: 4,
      owned: 5,
      ready: 1,
      inTransfer: 2,
      inRecovery: 1,
      unknown: 1,
      readOnly: 3,
    });
  });

  it('exits 2 with one clear line for an unreachable node, an HTTP error, a body that is not JSON or not a health answer', async () => {
    const cases = [
      {
        url: 'http://127.0.0.1:9',
        expect: /cannot read the health of http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/,
      },
      {
        url: (
          await node({ status: 503, body: '{"error":{"status":"UNAVAILABLE","code":503,"message":"down"}}' })
        ).url,
        expect: /HTTP 503/,
      },
      {
        url: (await node({ status: 200, body: '<html>gateway</html>', type: 'text/html' })).url,
        expect: /the health answer is not JSON/,
      },
      {
        url: (await node({ status: 200, body: '{"success":{"code":200,"data":{"epoch":"four"}}}' })).url,
        expect: /the health answer is malformed at success\.data\.epoch/,
      },
      { url: 'not a url', expect: /--url must be a node's base URL/ },
    ];
    for (const test of cases) {
      const run = await runTusk(['health', '--url', test.url, '--json', '--timeout', '3000']);
      expect({ url: test.url, code: run.code, stdout: run.stdout }).toEqual({
        url: test.url,
        code: 2,
        stdout: '',
      });
      expect(run.stderr).toMatch(test.expect);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses to run without --url or --committee, or with both', async () => {
    expect((await runTusk(['health'])).code).toBe(2);
    expect((await runTusk(['health', '--url', 'http://127.0.0.1:9', '--committee'])).stderr).toContain(
      'give either --url <node> or --committee',
    );
  });
});
