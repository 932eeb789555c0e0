import { decodeKeysetCursor, encodeKeysetCursor } from 'src/common/keyset-cursor';
import { ApplicationException } from 'src/common/errors/application.exception';

describe('keyset cursors', () => {
  it('give back the keys they carry, for their own list only', () => {
    const cursor = encodeKeysetCursor('events', ['120', '0xabc', 3]);
    expect(decodeKeysetCursor('events', cursor, 3)).toEqual(['120', '0xabc', 3]);
    expect(() => decodeKeysetCursor('delegators:principal', cursor, 3)).toThrow(ApplicationException);
    expect(() => decodeKeysetCursor('events', cursor, 2)).toThrow(/not a cursor of this list/);
    expect(() => decodeKeysetCursor('events', 'not-base64-json', 3)).toThrow(/not a cursor of this list/);
  });
});
