import { bls12_381 as bls } from '@noble/curves/bls12-381.js';
import { compressG1 } from 'src/domain/staking/bls-key';

describe('compressG1', () => {
  it('gives the compressed form of any point, as a BLS library does', () => {
    for (let i = 0; i < 12; i++) {
      const point = bls.longSignatures.getPublicKey(bls.utils.randomSecretKey());
      expect(Buffer.from(compressG1(point.toBytes(false))).toString('hex')).toBe(
        Buffer.from(point.toBytes(true)).toString('hex'),
      );
    }
    expect(compressG1(bls.G1.Point.ZERO.toBytes(false))).toEqual(bls.G1.Point.ZERO.toBytes(true));
  });

  it('refuses bytes of another length', () => {
    expect(() => compressG1(new Uint8Array(48))).toThrow('96 bytes, not 48');
  });
});
