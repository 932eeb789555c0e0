import { formatBps, formatDuration, formatWal, parseWal } from './format';

describe('amounts on the page', () => {
  it('shows FROST exactly as WAL, above the float range too', () => {
    expect(formatWal('0')).toBe('0');
    expect(formatWal('1')).toBe('0.000000001');
    expect(formatWal('1500000000')).toBe('1.5');
    expect(formatWal('123456789012345678901')).toBe('123,456,789,012.345678901');
    expect(formatWal(-2_000_000_000n)).toBe('−2');
  });

  it('reads a typed WAL amount to the FROST and refuses what is not one', () => {
    expect(parseWal('1,000')).toBe(1_000_000_000_000n);
    expect(parseWal(' 2.5 ')).toBe(2_500_000_000n);
    expect(parseWal('0.000000001')).toBe(1n);
    expect(() => parseWal('0.0000000001')).toThrow('nine decimals');
    expect(() => parseWal('1e9')).toThrow('Enter an amount');
    expect(() => parseWal('0')).toThrow('above zero');
    expect(() => parseWal('-5')).toThrow('Enter an amount');
  });

  it('says rates and spans plainly', () => {
    expect(formatBps(500)).toBe('5%');
    expect(formatBps(1234)).toBe('12.34%');
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(200)).toBe('3 min 20 s');
    expect(formatDuration(90_061)).toBe('1 d 1 h');
  });
});
