import { DomainError } from 'src/domain/shared/domain.error';
import { MOVE_ABORTS } from 'src/domain/shared/move-abort';

/** `staking_pool::MAX_NODE_NAME_LENGTH`, in bytes of UTF-8 as Move's `String::length` counts. */
export const MAX_NODE_NAME_LENGTH = 100;
/** `staking_pool::MAX_NETWORK_ADDRESS_LENGTH`, in bytes. */
export const MAX_NETWORK_ADDRESS_LENGTH = 259;
/** A node's TLS key is an Ed25519 key with its flag byte, as `storage_node` checks. */
export const NETWORK_PUBLIC_KEY_LENGTH = 33;
/** A node's protocol key: a compressed BLS12-381 G1 point (`messages::BLS_KEY_LEN`). */
export const BLS_PUBLIC_KEY_LENGTH = 48;

/** The checks `staking_pool::new` and `set_name` make of a node's name. */
export function assertNodeName(name: string): void {
  const length = utf8Length(name);
  if (length > MAX_NODE_NAME_LENGTH) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `a node name holds at most ${MAX_NODE_NAME_LENGTH} bytes, not ${length}`,
      MOVE_ABORTS.invalidNameLength,
    );
  }
}

/** The checks `staking_pool::new` and `set_network_address` make of a node's address. */
export function assertNetworkAddress(networkAddress: string): void {
  const length = utf8Length(networkAddress);
  if (length > MAX_NETWORK_ADDRESS_LENGTH) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `a network address holds at most ${MAX_NETWORK_ADDRESS_LENGTH} bytes, not ${length}`,
      MOVE_ABORTS.invalidNetworkAddressLength,
    );
  }
}

/** `storage_node::new` and `set_network_public_key`: exactly 33 bytes. */
export function assertNetworkPublicKey(networkPublicKey: Uint8Array): void {
  if (networkPublicKey.length !== NETWORK_PUBLIC_KEY_LENGTH) {
    throw new DomainError(
      'INVALID_ARGUMENT',
      `a network public key has ${NETWORK_PUBLIC_KEY_LENGTH} bytes, not ${networkPublicKey.length}`,
      MOVE_ABORTS.invalidNetworkPublicKey,
    );
  }
}

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
