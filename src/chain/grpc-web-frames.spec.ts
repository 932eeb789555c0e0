import { wholeFrameFetch, wholeFrames } from 'src/chain/grpc-web-frames';
import { DATA_FRAME, encodeFrame as frame, TRAILER_FRAME } from 'src/devnet/grpc-web/grpc-web-frames';

function payload(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed) % 251);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    whole.set(part, offset);
    offset += part.length;
  }
  return whole;
}

/** Cuts `bytes` at the given chunk lengths (cycled), as network reads would. */
function cut(bytes: Uint8Array, lengths: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; offset < bytes.length; i++) {
    const length = lengths[i % lengths.length] ?? 1;
    chunks.push(bytes.slice(offset, offset + length));
    offset += length;
  }
  return chunks;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

async function rechunk(chunks: readonly Uint8Array[]): Promise<Uint8Array[]> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) {
        controller.enqueue(chunk);
      }
      controller.close();
    },
  });
  const out: Uint8Array[] = [];
  for await (const chunk of source.pipeThrough(wholeFrames())) {
    out.push(chunk);
  }
  return out;
}

describe('wholeFrames', () => {
  const frames = [
    frame(DATA_FRAME, payload(0, 1)),
    frame(DATA_FRAME, payload(3, 2)),
    frame(DATA_FRAME, payload(70_000, 3)),
    frame(DATA_FRAME, payload(65_531, 4)),
    frame(TRAILER_FRAME, new TextEncoder().encode('grpc-status:0\r\n')),
  ];
  const body = concat(frames);

  it.each([
    ['a few bytes at a time', [1, 2, 3]],
    ['reads that split headers', [3, 4, 2, 7]],
    ['64 KiB reads', [65_536]],
    ['uneven reads', [1000, 17, 65_536, 5, 9999]],
    ['the whole body at once', [body.length]],
  ])('hands on exactly one chunk per frame, whatever the reads: %s', async (_name, lengths) => {
    const out = await rechunk(cut(body, lengths));
    expect(out.map(hex)).toEqual(frames.map(hex));
  });

  it('passes on a body cut short mid-frame as it came, for the transport to reject', async () => {
    const truncated = body.subarray(0, 5 + 3 + 5 + 1000);
    const out = await rechunk(cut(truncated, [600]));
    expect(concat(out)).toEqual(truncated);
    expect(out.length).toBe(3);
  });
});

describe('wholeFrameFetch', () => {
  function fetchAnswering(contentType: string, chunks: readonly Uint8Array[]): typeof fetch {
    return () =>
      Promise.resolve(
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              for (const chunk of chunks) {
                controller.enqueue(chunk);
              }
              controller.close();
            },
          }),
          { status: 200, headers: { 'content-type': contentType, 'grpc-status': '0' } },
        ),
      );
  }

  async function chunksOf(response: Response): Promise<Uint8Array[]> {
    const out: Uint8Array[] = [];
    for await (const chunk of response.body ?? new ReadableStream<Uint8Array>()) {
      out.push(chunk);
    }
    return out;
  }

  it.each(['application/grpc-web+proto', 'application/grpc-web'])(
    're-chunks binary grpc-web responses (%s) and keeps their status and headers',
    async (contentType) => {
      const frames = [frame(DATA_FRAME, payload(10, 1)), frame(DATA_FRAME, payload(20, 2))];
      const fetchFrames = wholeFrameFetch(fetchAnswering(contentType, cut(concat(frames), [7])));
      const response = await fetchFrames('http://node.invalid/sui.rpc.v2.LedgerService/GetCheckpoint');
      expect(response.status).toBe(200);
      expect(response.headers.get('grpc-status')).toBe('0');
      expect((await chunksOf(response)).map((chunk) => chunk.length)).toEqual([15, 25]);
    },
  );

  it('leaves the text format (base64) as it comes', async () => {
    const chunks = [new TextEncoder().encode('AAAAAA'), new TextEncoder().encode('pAA==')];
    const fetchText = wholeFrameFetch(fetchAnswering('application/grpc-web-text+proto', chunks));
    const response = await fetchText('http://node.invalid/');
    expect((await chunksOf(response)).map((chunk) => chunk.length)).toEqual([6, 5]);
  });
});
