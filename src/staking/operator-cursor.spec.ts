import { OperatorOrderField, OrderDirection, type OperatorOrdering } from 'src/staking/operator.views';
import { toGraphQLError } from 'src/api/api-errors';
import { ApplicationErrorCode, ApplicationException } from 'src/common/errors/application.exception';
import {
  compareOperatorPositions,
  decodeOperatorCursor,
  encodeOperatorCursor,
  type OperatorPosition,
} from 'src/staking/operator-cursor';

const byScoreThenStake: OperatorOrdering[] = [
  { field: OperatorOrderField.score, direction: OrderDirection.desc },
  { field: OperatorOrderField.stake, direction: OrderDirection.asc },
];

describe('operator cursors', () => {
  it('carry a position back exactly: bigint stakes above 2^53, fractional scores, missing scores', () => {
    for (const position of [
      { keys: [87.123456789012, 18_446_744_073_709_551_615n], nodeId: '0xaa' },
      { keys: [null, 0n], nodeId: '0xbb' },
    ]) {
      expect(
        decodeOperatorCursor(encodeOperatorCursor(byScoreThenStake, position), byScoreThenStake),
      ).toEqual(position);
    }
  });

  it('refuse a cursor of another ordering, naming both', () => {
    const cursor = encodeOperatorCursor(byScoreThenStake, { keys: [1, 1n], nodeId: '0xaa' });
    const byName = [{ field: OperatorOrderField.name, direction: OrderDirection.asc }];
    expect(() => decodeOperatorCursor(cursor, byName)).toThrow(
      'this cursor belongs to a list ordered by score:desc,stake:asc, not by name:asc',
    );
  });

  it('refuse text that is not a cursor, or whose keys do not fit the ordering, as bad input', () => {
    const forged = (payload: unknown) => Buffer.from(JSON.stringify(payload)).toString('base64url');
    const base = { v: 1, order: 'score:desc,stake:asc', node: '0xaa' };
    for (const cursor of [
      'bm9wZQ',
      Buffer.from('operator:3').toString('base64'),
      forged({ ...base, keys: [1] }),
      forged({ ...base, keys: [1, 12] }),
      forged({ ...base, keys: [1, '-12'] }),
      forged({ ...base, keys: ['1', '12'] }),
      forged({ ...base, v: 2, keys: [1, '12'] }),
    ]) {
      let error: unknown;
      try {
        decodeOperatorCursor(cursor, byScoreThenStake);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ApplicationException);
      expect((error as ApplicationException).code).toBe(ApplicationErrorCode.BAD_CURSOR);
      // What a client sees: the same message, as bad input.
      const answer = toGraphQLError(error as ApplicationException);
      expect(answer.message).toBe(`not a cursor of this list: ${cursor}`);
      expect(answer.extensions.code).toBe('BAD_USER_INPUT');
    }
  });

  it('order by each key in its direction, missing values last either way, then by node ID', () => {
    const positions: OperatorPosition[] = [
      { keys: [null, 5n], nodeId: '0x01' },
      { keys: [90, 7n], nodeId: '0x02' },
      { keys: [90, 5n], nodeId: '0x04' },
      { keys: [95, 9n], nodeId: '0x05' },
      { keys: [90, 5n], nodeId: '0x03' },
    ];
    const ids = (orders: OperatorOrdering[]) =>
      [...positions]
        .sort((a, b) => compareOperatorPositions(orders, a, b))
        .map((position) => position.nodeId);
    expect(ids(byScoreThenStake)).toEqual(['0x05', '0x03', '0x04', '0x02', '0x01']);
    expect(
      ids([
        { field: OperatorOrderField.score, direction: OrderDirection.asc },
        { field: OperatorOrderField.stake, direction: OrderDirection.desc },
      ]),
    ).toEqual(['0x02', '0x03', '0x04', '0x05', '0x01']);
  });
});
