import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from 'src/shard-migration/alerts/webhook-signature';

describe('webhook signature', () => {
  const secret = 'a-secret-of-16-chars';
  const body = '{"event":"firing"}';

  it('is the HMAC-SHA256 of "<timestamp>.<body>" in hex', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signWebhook(secret, body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature and refuses a changed body, another secret or an old timestamp', () => {
    const header = signWebhook(secret, body, 1000);
    expect(verifyWebhook(secret, body, header, 1010)).toBe(true);
    expect(verifyWebhook(secret, `${body} `, header, 1010)).toBe(false);
    expect(verifyWebhook('another-secret-16ch', body, header, 1010)).toBe(false);
    expect(verifyWebhook(secret, body, header, 2000)).toBe(false);
    expect(verifyWebhook(secret, body, 'garbage', 1010)).toBe(false);
  });
});
