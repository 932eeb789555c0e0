import { QueryPrices } from 'src/api/limits/query-prices';

describe('QueryPrices, refused bodies', () => {
  const body = (text: string) => Buffer.from(JSON.stringify({ query: text }), 'utf8');

  it('finds a refusal by the exact bytes of the body, whichever buffer holds them', () => {
    const prices = new QueryPrices();
    const query = `{ ${'a: network { epoch } '.repeat(2000)}}`;
    prices.keepBodyRefusal(body(query), 'refused');
    expect(prices.refusalOfBody(body(query))).toBe('refused');
    // One byte apart, or the same text with other spacing: not the body refused.
    expect(prices.refusalOfBody(body(query.replace('a:', 'b:')))).toBeUndefined();
    expect(prices.refusalOfBody(body(query.replace('{ a', '{  a')))).toBeUndefined();
    // The same length and ends, another middle: looked up, compared, and not taken for it.
    const middle = Math.floor(query.length / 2);
    const other = `${query.slice(0, middle)}b${query.slice(middle + 1)}`;
    expect(other.length).toBe(query.length);
    expect(prices.refusalOfBody(body(other))).toBeUndefined();
    // Kept in its turn, it takes the other's place: each is still answered only for itself.
    prices.keepBodyRefusal(body(other), 'refused too');
    expect(prices.refusalOfBody(body(other))).toBe('refused too');
    expect(prices.refusalOfBody(body(query))).toBeUndefined();
  });

  it('keeps the latest hundred', () => {
    const prices = new QueryPrices();
    for (let i = 0; i <= 100; i++) {
      prices.keepBodyRefusal(body(`{ q${i}: network { epoch } }`), `refused ${i}`);
    }
    expect(prices.refusalOfBody(body('{ q0: network { epoch } }'))).toBeUndefined();
    expect(prices.refusalOfBody(body('{ q1: network { epoch } }'))).toBe('refused 1');
    expect(prices.refusalOfBody(body('{ q100: network { epoch } }'))).toBe('refused 100');
  });
});
