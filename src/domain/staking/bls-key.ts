import { DomainError } from 'src/domain/shared/domain.error';

/** The BLS12-381 base field modulus. */
const P = BigInt(
  '0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab',
);
const HALF = (P - 1n) / 2n;

function toBigInt(bytes: Uint8Array): bigint {
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/**
 * A G1 point's compressed form (48 bytes) from its uncompressed one (96, x then y, big-endian,
 * in the ZCash encoding Sui's `group_ops` uses): x with the compression flag, and the sign flag
 * when y is the larger of ±y. The chain keeps a node's key uncompressed
 * (`Element<UncompressedG1>`); the node software and the Walrus CLI show it compressed, in base64.
 */
export function compressG1(uncompressed: Uint8Array): Uint8Array {
  if (uncompressed.length !== 96) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `an uncompressed G1 point has 96 bytes, not ${uncompressed.length}`,
    );
  }
  const compressed = uncompressed.slice(0, 48);
  const first = compressed[0] ?? 0;
  if ((first & 0x40) !== 0) {
    // The point at infinity.
    compressed.fill(0);
    compressed[0] = 0xc0;
    return compressed;
  }
  const y = toBigInt(uncompressed.subarray(48));
  compressed[0] = first | 0x80 | (y > HALF ? 0x20 : 0);
  return compressed;
}
