/**
 * A `fetch` for the grpc-web transport that hands it binary response bodies one whole frame per
 * chunk.
 *
 * The transport (`@protobuf-ts/grpcweb-transport`) appends each network chunk to its unread bytes
 * by allocating a new array of the combined length. A checkpoint frame of a few hundred kilobytes
 * arrives in 64 KiB reads, so it was copied into ever larger arrays, four to five times its size
 * in all, and every one of them lived until the next garbage collection. Given whole frames, the
 * transport copies each one once. A frame that a network read holds entirely is passed on as a
 * view, without a copy; only a frame split across reads is assembled.
 */
export function wholeFrameFetch(base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    // Binary as the transport reads it (grpc-web's default format is proto); the text format
    // (base64) is framed only after decoding and is left as it comes.
    const type = response.headers.get('content-type');
    if (
      response.body === null ||
      (type !== 'application/grpc-web' && type !== 'application/grpc-web+proto')
    ) {
      return response;
    }
    return new Response(response.body.pipeThrough(wholeFrames()), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

/** A grpc-web frame: a flag byte, a big-endian u32 length, then that many bytes. */
const HEADER_BYTES = 5;

/** Re-chunks a grpc-web byte stream so that each chunk is exactly one frame. */
export function wholeFrames(): TransformStream<Uint8Array, Uint8Array> {
  const header = new Uint8Array(HEADER_BYTES);
  let headerFilled = 0;
  /** The frame being assembled across reads, and how much of it is filled. */
  let frame: Uint8Array | undefined;
  let frameFilled = 0;
  return new TransformStream({
    transform(chunk, controller) {
      let offset = 0;
      while (offset < chunk.length) {
        if (frame === undefined) {
          if (headerFilled === 0 && chunk.length - offset >= HEADER_BYTES) {
            const length = HEADER_BYTES + frameLength(chunk, offset);
            if (chunk.length - offset >= length) {
              controller.enqueue(chunk.subarray(offset, offset + length));
              offset += length;
              continue;
            }
            frame = new Uint8Array(length);
            frameFilled = 0;
            continue;
          }
          const taken = Math.min(HEADER_BYTES - headerFilled, chunk.length - offset);
          header.set(chunk.subarray(offset, offset + taken), headerFilled);
          headerFilled += taken;
          offset += taken;
          if (headerFilled < HEADER_BYTES) {
            return;
          }
          frame = new Uint8Array(HEADER_BYTES + frameLength(header, 0));
          frame.set(header);
          frameFilled = HEADER_BYTES;
          headerFilled = 0;
        }
        const taken = Math.min(frame.length - frameFilled, chunk.length - offset);
        frame.set(chunk.subarray(offset, offset + taken), frameFilled);
        frameFilled += taken;
        offset += taken;
        if (frameFilled === frame.length) {
          controller.enqueue(frame);
          frame = undefined;
        }
      }
    },
    flush(controller) {
      // A body cut short mid-frame: pass on what came, for the transport to report it as such.
      if (frame !== undefined) {
        controller.enqueue(frame.subarray(0, frameFilled));
      } else if (headerFilled > 0) {
        controller.enqueue(header.slice(0, headerFilled));
      }
    },
  });
}

function frameLength(bytes: Uint8Array, offset: number): number {
  return (
    (((bytes[offset + 1] ?? 0) << 24) |
      ((bytes[offset + 2] ?? 0) << 16) |
      ((bytes[offset + 3] ?? 0) << 8) |
      (bytes[offset + 4] ?? 0)) >>>
    0
  );
}
