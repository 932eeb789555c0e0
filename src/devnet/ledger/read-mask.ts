import type { FieldInfo, IMessageType } from '@protobuf-ts/runtime';
import { GrpcStatus, GrpcStatusError } from 'src/devnet/grpc-web/grpc-status';

/** What a full node sends of a checkpoint when the request names no field. */
export const DEFAULT_CHECKPOINT_MASK = ['sequence_number', 'digest'] as const;

/** Field paths a read mask selects, as a tree keyed by the message's fields; `true` takes the whole field. */
type MaskTree = Map<FieldInfo, MaskTree | true>;

/**
 * A `sui.rpc.v2` read mask, checked against the message type and applied the way a full node
 * applies it: only the named fields (and their named sub-fields) are sent, through repeated fields
 * and oneofs. A path that names no field of the message is refused with INVALID_ARGUMENT.
 */
export class ReadMask<T extends object> {
  private readonly tree: MaskTree;
  /** The paths it selects, sorted and joined: equal for equal masks. */
  readonly key: string;

  constructor(
    private readonly type: IMessageType<T>,
    paths: readonly string[] | undefined,
    defaults: readonly string[],
  ) {
    const chosen = paths === undefined || paths.length === 0 ? defaults : paths;
    this.key = [...chosen].sort().join(',');
    this.tree = new Map<FieldInfo, MaskTree | true>();
    for (const path of chosen) {
      insertPath(this.tree, type, path);
    }
  }

  apply(message: T): T {
    return prune(this.type, message, this.tree);
  }
}

function insertPath(tree: MaskTree, root: IMessageType<object>, path: string): void {
  const names = path.split('.');
  let node = tree;
  let type: IMessageType<object> | undefined = root;
  for (const [index, name] of names.entries()) {
    const field: FieldInfo | undefined = type?.fields.find((candidate) => candidate.name === name);
    if (type === undefined || field === undefined) {
      throw new GrpcStatusError(
        GrpcStatus.INVALID_ARGUMENT,
        `read_mask: "${path}" names no field of ${root.typeName}`,
      );
    }
    const last = index === names.length - 1;
    const existing = node.get(field);
    if (existing === true) {
      // A shorter path already takes the whole field.
      return;
    }
    if (last) {
      node.set(field, true);
      return;
    }
    const child: MaskTree = existing ?? new Map<FieldInfo, MaskTree | true>();
    node.set(field, child);
    node = child;
    type = field.kind === 'message' ? field.T() : undefined;
  }
}

function prune<T extends object>(type: IMessageType<T>, message: T, tree: MaskTree): T {
  const source = message as Record<string, unknown>;
  const result = type.create() as Record<string, unknown>;
  for (const [field, selection] of tree) {
    if (field.oneof !== undefined) {
      const group = source[field.oneof] as { oneofKind?: string } & Record<string, unknown>;
      if (group.oneofKind === field.localName) {
        result[field.oneof] = {
          oneofKind: field.localName,
          [field.localName]: narrow(field, group[field.localName], selection),
        };
      }
      continue;
    }
    result[field.localName] = narrow(field, source[field.localName], selection);
  }
  return result as T;
}

function narrow(field: FieldInfo, value: unknown, selection: MaskTree | true): unknown {
  if (selection === true || value === undefined || field.kind !== 'message') {
    return value;
  }
  const type = field.T() as IMessageType<object>;
  return field.repeat
    ? (value as object[]).map((element) => prune(type, element, selection))
    : prune(type, value as object, selection);
}
