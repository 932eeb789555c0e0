import { normalizeStructTag, normalizeSuiAddress } from '@mysten/sui/utils';
import { Coin } from 'src/chain/walrus-bcs';
import type { SuiLedger } from 'src/devnet/ledger/sui-ledger';

export const SUI_COIN_TYPE = '0x2::coin::Coin<0x2::sui::SUI>';
/** What each address is given: far more than any transaction here would ever be charged. */
const GAS_COIN_MIST = 1_000_000n * 1_000_000_000n;

/**
 * The local network's faucet: an address that looks for its SUI coins and has none is given one,
 * so that a client pays gas as it would on a full node. The network charges nothing, so the coin
 * never changes.
 */
export class GasFaucet {
  private readonly funded = new Set<string>();

  constructor(private readonly ledger: SuiLedger) {}

  /** Gives `owner` a gas coin if the request is for SUI coins and it holds none yet. */
  fund(owner: string, objectType: string | undefined): void {
    const address = normalizeSuiAddress(owner);
    if (objectType === undefined || normalizeStructTag(objectType) !== normalizeStructTag(SUI_COIN_TYPE)) {
      return;
    }
    if (this.funded.has(address)) {
      return;
    }
    this.funded.add(address);
    const objectId = this.ledger.newObjectId();
    this.ledger.execute({
      sender: normalizeSuiAddress('0x0'),
      calls: [{ package: '0x2', module: 'pay', function: 'split_and_transfer' }],
      writes: [
        {
          objectId,
          owner: { kind: 'address', address },
          type: SUI_COIN_TYPE,
          contents: Coin.serialize({ id: objectId, balance: { value: GAS_COIN_MIST } }).toBytes(),
        },
      ],
    });
  }
}
