import { CheckpointSource } from 'src/chain/checkpoint-source';
import { createSuiGrpcClient } from 'src/chain/sui-grpc-client';

/**
 * The limit Tusk's indexer is measured against: a consumer that receives the same checkpoint
 * stream with the same read mask as Tusk (`CheckpointSource`, its defaults), lets the gRPC client
 * decode every message, and discards it. Run as its own process by bench/indexer.bench.ts:
 * `node dist/bench/checkpoint-consumer.js <grpc url> <tip>`; prints one JSON line.
 */
async function main(): Promise<void> {
  const [url, tipText] = process.argv.slice(2);
  if (url === undefined || tipText === undefined) {
    throw new Error('usage: checkpoint-consumer <grpc url> <tip>');
  }
  const tip = BigInt(tipText);
  const client = createSuiGrpcClient('localnet', url);
  const source = new CheckpointSource({ client });
  const abort = new AbortController();
  let transactions = 0;
  const started = performance.now();
  for await (const checkpoint of source.stream(0n, abort.signal)) {
    transactions += checkpoint.transactions.length;
    if (checkpoint.sequenceNumber !== undefined && checkpoint.sequenceNumber >= tip) {
      break;
    }
  }
  abort.abort();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ seconds, transactions })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
