import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';

/** The devnet's opaque cursors and page tokens: a position, as 8 big-endian bytes. */
export function encodeCursor(position: bigint): Uint8Array {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(position);
  return buffer;
}

/** Undefined for an absent cursor; INVALID_ARGUMENT for one this server did not issue. */
export function decodeCursor(bytes: Uint8Array | undefined, field: string): bigint | undefined {
  if (bytes === undefined || bytes.length === 0) {
    return undefined;
  }
  if (bytes.length !== 8) {
    throw new GrpcStatusError(GrpcStatus.INVALID_ARGUMENT, `${field} is not a cursor of this server`);
  }
  return Buffer.from(bytes).readBigUInt64BE();
}
