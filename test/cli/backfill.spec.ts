import { runTusk } from 'test/support/run-cli';

describe('tusk backfill', () => {
  it('refuses a range that is not one, with exit status 2 and one line', async () => {
    const notNumber = await runTusk(['backfill', '--from', 'ten', '--to', '20']);
    expect(notNumber).toMatchObject({
      code: 2,
      stderr: 'tusk: --from must be a checkpoint sequence number, got "ten"\n',
    });
    const backwards = await runTusk(['backfill', '--from', '20', '--to', '10']);
    expect(backwards).toMatchObject({ code: 2, stderr: 'tusk: --to (10) is before --from (20)\n' });
    const missing = await runTusk(['backfill', '--from', '1']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--to <checkpoint>' not specified");
  });
});
