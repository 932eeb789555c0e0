import { ConfigError, loadAppConfig, trustedProxies } from 'src/config/app-config';

describe('the API limits in the configuration', () => {
  it('reads TUSK_TRUST_PROXY as Express reads trust proxy, and refuses what it cannot read', () => {
    expect(loadAppConfig({ TUSK_TRUST_PROXY: 'loopback, 10.0.0.0/8' }).api.trustProxy).toBe(
      'loopback, 10.0.0.0/8',
    );
    expect(() => loadAppConfig({ TUSK_TRUST_PROXY: 'the proxy next door' })).toThrow(ConfigError);
    expect(() => loadAppConfig({ TUSK_TRUST_PROXY: '10.0.0.0/99' })).toThrow(/TUSK_TRUST_PROXY/);

    // Nobody is trusted by default: the socket's peer is the client.
    expect(trustedProxies(undefined)('127.0.0.1', 0)).toBe(false);
    expect(trustedProxies('true')('203.0.113.9', 5)).toBe(true);
    // A hop count trusts that many proxies nearest to Tusk, whatever their address.
    const twoHops = trustedProxies('2');
    expect([twoHops('203.0.113.9', 0), twoHops('203.0.113.9', 1), twoHops('203.0.113.9', 2)]).toEqual([
      true,
      true,
      false,
    ]);
    const listed = trustedProxies('loopback, 10.0.0.0/8');
    expect([listed('127.0.0.1', 0), listed('10.2.3.4', 1), listed('203.0.113.9', 0)]).toEqual([
      true,
      true,
      false,
    ]);
  });

  it('takes a costly query share in (0, 1], one half by default', () => {
    expect(loadAppConfig({}).api.costlyQueries.share).toBe(0.5);
    expect(loadAppConfig({ TUSK_COSTLY_QUERY_SHARE: '1' }).api.costlyQueries.share).toBe(1);
    expect(() => loadAppConfig({ TUSK_COSTLY_QUERY_SHARE: '0' })).toThrow(/TUSK_COSTLY_QUERY_SHARE/);
    expect(() => loadAppConfig({ TUSK_COSTLY_QUERY_SHARE: '1.5' })).toThrow(ConfigError);
  });

  it('reads the reporter settings, and refuses to publish after each handoff without a key', () => {
    const config = loadAppConfig({ TUSK_REPORTER_NAME: 'my-tusk', TUSK_REPORTER_GAS_BUDGET: '70000000' });
    expect(config.reports).toEqual({
      packageId: undefined,
      registryId: undefined,
      reporterKey: undefined,
      reporterName: 'my-tusk',
      gasBudget: 70_000_000n,
      publish: 'off',
    });
    expect(() => loadAppConfig({ TUSK_REPORTS_PUBLISH: 'after-handoff' })).toThrow(/needs TUSK_REPORTER_KEY/);
    expect(() => loadAppConfig({ TUSK_REPORTER_NAME: 'x'.repeat(65) })).toThrow(/at most 64 bytes/);
    expect(() => loadAppConfig({ TUSK_REPORTS_PUBLISH: 'always' })).toThrow(ConfigError);
  });
});
