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

/** `messages::ProofOfPossessionMessage` as `to_bcs` lays it out: the key's bytes without a length. */
export function proofOfPossessionMessage(
  epoch: number,
  sender: string,
  compressedKey: Uint8Array,
): Uint8Array {
  const message = new Uint8Array(3 + 4 + 32 + compressedKey.length);
  message.set([0, 0, 3]);
  new DataView(message.buffer).setUint32(3, epoch, true);
  message.set(Buffer.from(sender.replace(/^0x/, '').padStart(64, '0'), 'hex'), 7);
  message.set(compressedKey, 39);
  return message;
}

/** `verify_proof_of_possession`: `bls12381_min_pk_verify` of the message with the key. */
export function verifiesPossession(
  signature: Uint8Array,
  compressedKey: Uint8Array,
  epoch: number,
  sender: string,
): boolean {
  try {
    const message = bls.longSignatures.hash(proofOfPossessionMessage(epoch, sender, compressedKey));
    return bls.longSignatures.verify(signature, message, compressedKey);
  } catch {
    return false;
  }
}
