import { DataSource } from 'typeorm';
import { arrayLiteral, bulkInsert } from 'src/database/bulk-upsert';
import { createTestDatabase } from 'test/support/indexer-harness';

/** Values that an array literal must quote or escape, and the types Tusk writes in bulk. */
const AWKWARD_TEXTS = [
  'plain',
  'with "quotes"',
  'back\\slash',
  '\\"both\\"',
  'comma, and {braces}',
  'NULL',
  '',
  '  spaced  ',
  'ünïcødé ✓',
];

describe('bulkInsert on a real PostgreSQL', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = new DataSource({ type: 'postgres', url: await createTestDatabase() });
    await dataSource.initialize();
    await dataSource.query(
      `CREATE TABLE sample (
        id integer PRIMARY KEY, label text, amount numeric, flag boolean, at timestamptz,
        details jsonb, shards smallint[])`,
    );
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('writes every value back exactly as given, escapes and NULLs included', async () => {
    const amount = 123_456_789_012_345_678_901_234_567_890n;
    const rows = AWKWARD_TEXTS.map((label, id) => [
      id,
      label,
      id % 3 === 0 ? null : amount + BigInt(id),
      id % 2 === 0,
      new Date(Date.UTC(2026, 0, 1, 0, 0, id)),
      { label, nested: ['"', '\\'] },
      `{${id},${id + 1}}`,
    ]);
    await bulkInsert(dataSource.manager, {
      table: 'sample',
      columns: [
        { name: 'id', type: 'integer' },
        { name: 'label', type: 'text' },
        { name: 'amount', type: 'numeric' },
        { name: 'flag', type: 'boolean' },
        { name: 'at', type: 'timestamptz' },
        { name: 'details', type: 'jsonb' },
        { name: 'shards', type: 'text', cast: 'smallint[]' },
      ],
      rows,
      onConflict: '',
    });
    const stored: {
      id: number;
      label: string;
      amount: string | null;
      flag: boolean;
      at: Date;
      details: unknown;
      shards: string;
    }[] = await dataSource.query(
      `SELECT id, label, amount::text AS amount, flag, at, details, shards::text AS shards FROM sample ORDER BY id`,
    );
    expect(stored).toEqual(
      AWKWARD_TEXTS.map((label, id) => ({
        id,
        label,
        amount: id % 3 === 0 ? null : (amount + BigInt(id)).toString(),
        flag: id % 2 === 0,
        at: new Date(Date.UTC(2026, 0, 1, 0, 0, id)),
        details: { label, nested: ['"', '\\'] },
        shards: `{${id},${id + 1}}`,
      })),
    );
  });

  it('reads its own array literals back through PostgreSQL unchanged', async () => {
    const values = [...AWKWARD_TEXTS, null];
    const [row] = await dataSource.query<{ parsed: (string | null)[] }[]>(`SELECT $1::text[] AS parsed`, [
      arrayLiteral(values),
    ]);
    expect(row?.parsed).toEqual(values);
  });
});
