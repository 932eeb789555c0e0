/**
 * grpc-web framing: every message, and the closing trailers, travel as a 5-byte header (a flag byte,
 * 0x00 for data and 0x80 for trailers, then a big-endian u32 length) followed by the payload.
 */
export const DATA_FRAME = 0x00;
export const TRAILER_FRAME = 0x80;

export function encodeFrame(flag: number, payload: Uint8Array): Buffer {
  const frame = Buffer.alloc(5 + payload.length);
  frame[0] = flag;
  frame.writeUInt32BE(payload.length, 1);
  frame.set(payload, 5);
  return frame;
}

export function encodeTrailers(status: number, message: string): Buffer {
  const text = `grpc-status:${status}\r\ngrpc-message:${encodeURIComponent(message)}\r\n`;
  return encodeFrame(TRAILER_FRAME, Buffer.from(text, 'utf8'));
}

export interface Frame {
  readonly flag: number;
  readonly payload: Buffer;
}

/** Splits a request body into frames; throws on a truncated frame. */
export function decodeFrames(body: Buffer): Frame[] {
  const frames: Frame[] = [];
  let offset = 0;
  while (offset < body.length) {
    if (offset + 5 > body.length) {
      throw new Error('truncated grpc-web frame header');
    }
    const flag = body[offset] as number;
    const length = body.readUInt32BE(offset + 1);
    const end = offset + 5 + length;
    if (end > body.length) {
      throw new Error('truncated grpc-web frame');
    }
    frames.push({ flag, payload: body.subarray(offset + 5, end) });
    offset = end;
  }
  return frames;
}
