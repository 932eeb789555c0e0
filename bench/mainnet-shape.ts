import { Devnet } from 'src/devnet/devnet';
import { loadScenario } from 'src/devnet/scenario';
import { seededRandom } from 'src/devnet/seeded-random';

/**
 * A Walrus-on-Sui history shaped like Sui mainnet: the devnet's Walrus activity (the steady-state
 * scenario) inside checkpoints full of unrelated traffic.
 *
 * Public figures it follows:
 * - a checkpoint about every 250 ms (Flipside's Sui `fact_checkpoints` documentation: "produced via
 *   the Mysticeti consensus mechanism approximately every 250ms"), so 345 600 checkpoints a day;
 * - about 25 million transactions a day (Sui's daily count reported for May 2025), so about 72
 *   transactions per checkpoint on average;
 * - the first Walrus package at mainnet checkpoint 122 519 926.
 * Not from a public source, so chosen and stated here: 1 to 5 changed objects per transaction (3 on
 * average: the gas coin and what the call touched), 0 to 3 events (1.5), object contents of 40 bytes
 * (coins, 60%), 200 to 600 bytes (30%) or 1 to 4 KiB (10%), events of 64 to 256 bytes, from 50
 * unrelated packages.
 */
export const MAINNET_SHAPE = {
  checkpointIntervalMs: 250,
  transactionsPerCheckpoint: 72,
  firstWalrusCheckpoint: 122_519_926n,
  checkpointsPerDay: 345_600,
  packages: 50,
} as const;

export interface MainnetShapedHistory {
  readonly devnet: Devnet;
  readonly unrelatedTransactions: number;
  readonly unrelatedObjects: number;
  readonly unrelatedEvents: number;
}

export function mainnetShapedHistory(checkpoints: number, seed = 7): MainnetShapedHistory {
  const random = seededRandom(seed);
  const devnet = new Devnet({
    scenario: loadScenario('steady-state'),
    seed,
    // Four minutes of mainnet per epoch: several epoch changes, with their handoffs, in the history.
    epochDurationMs: 240 * MAINNET_SHAPE.checkpointIntervalMs,
    checkpointIntervalMs: MAINNET_SHAPE.checkpointIntervalMs,
    genesisTimeMs: Date.UTC(2026, 0, 1),
  });
  const hex = (length: number) =>
    Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const packages = Array.from({ length: MAINNET_SHAPE.packages }, () => `0x${hex(64)}`);
  const senders = Array.from({ length: 500 }, () => `0x${hex(64)}`);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const size = () => {
    const roll = random();
    return roll < 0.6 ? 40 : roll < 0.9 ? between(200, 600) : between(1024, 4096);
  };
  let transactions = 0;
  let objects = 0;
  let events = 0;
  for (let index = 0; index < checkpoints; index++) {
    // A Poisson-like count around the mean: a busy checkpoint and a quiet one alike.
    const count = Math.round(MAINNET_SHAPE.transactionsPerCheckpoint * (0.5 + random()));
    for (let t = 0; t < count; t++) {
      const sender = pick(senders);
      const packageId = pick(packages);
      const writes = Array.from({ length: between(1, 5) }, (_, w) => ({
        objectId: devnet.ledger.newObjectId(),
        owner: { kind: 'address' as const, address: sender },
        type: w === 0 ? '0x2::coin::Coin<0x2::sui::SUI>' : `${packageId}::market::Position`,
        contents: new Uint8Array(w === 0 ? 40 : size()),
      }));
      const emitted = Array.from({ length: between(0, 3) }, () => ({
        packageId,
        module: 'market',
        type: `${packageId}::market::Traded`,
        contents: new Uint8Array(between(64, 256)),
      }));
      devnet.ledger.execute({
        sender,
        calls: [{ package: packageId, module: 'market', function: 'trade' }],
        writes,
        events: emitted,
      });
      transactions++;
      objects += writes.length;
      events += emitted.length;
    }
    // The Walrus side of this checkpoint (stakes, withdrawals, epoch changes), then the seal.
    devnet.tick();
  }
  return { devnet, unrelatedTransactions: transactions, unrelatedObjects: objects, unrelatedEvents: events };
}
