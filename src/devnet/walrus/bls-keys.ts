import { bls12_381 as bls } from '@noble/curves/bls12-381.js';
import { DomainError } from 'src/domain/shared/domain.error';

/**
 * BLS12-381 keys for the simulated nodes: real G1 points, so that the chain holds what it holds
 * on mainnet (each key uncompressed, 96 bytes; the committee's aggregate compressed, 48) and a
 * compressed key handed to `set_next_public_key` is checked as `g1_from_bytes` checks it.
 */
export function nodePublicKey(seed: Uint8Array): Uint8Array {
  return bls.longSignatures.getPublicKey(bls.utils.randomSecretKey(seed)).toBytes(false);
}

/** `group_ops::g1_from_bytes` then `g1_to_uncompressed_g1`: aborts on bytes that are no point. */
export function uncompressPublicKey(compressed: Uint8Array): Uint8Array {
  try {
    return bls.G1.Point.fromBytes(compressed).toBytes(false);
  } catch {
    throw new DomainError('INVALID_ARGUMENT', 'the bytes are not a BLS12-381 G1 point', {
      package: 'sui',
      module: 'group_ops',
      name: 'EInvalidInput',
      code: 1,
    });
  }
}

/** `uncompressed_g1_sum` then `uncompressed_g1_to_g1`: the committee's aggregate key, compressed. */
export function aggregatePublicKey(keys: readonly Uint8Array[]): Uint8Array {
  return keys.reduce((sum, key) => sum.add(bls.G1.Point.fromBytes(key)), bls.G1.Point.ZERO).toBytes(true);
}
