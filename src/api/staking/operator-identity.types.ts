import { Field, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  AuthorizedKind,
  type AuthorizedView,
  type NodeIdentityChangeView,
  type NodeIdentityView,
  type NodeMetadataView,
} from 'src/staking/operator.views';

registerEnumType(AuthorizedKind, {
  name: 'AuthorizedKind',
  valuesMap: {
    ADDRESS: { description: 'A transaction sent from this address is authorised.' },
    OBJECT: { description: 'Whoever holds this object (such as the node’s StorageNodeCap) is authorised.' },
  },
});

@ObjectType('Authorized', {
  description: 'Who may act (auth::Authorized): an address, or an object’s holder.',
})
export class AuthorizedType implements AuthorizedView {
  @Field(() => AuthorizedKind) kind!: AuthorizedKind;
  @Field({ description: 'The address or the object ID.' }) id!: string;
}

@ObjectType('KeyValue')
export class KeyValueType {
  @Field() key!: string;
  @Field() value!: string;
}

@ObjectType('NodeMetadata', {
  description: 'How the node describes itself (node_metadata::NodeMetadata, set with set_node_metadata).',
})
export class NodeMetadataType implements NodeMetadataView {
  @Field() imageUrl!: string;
  @Field() projectUrl!: string;
  @Field() description!: string;
  @Field(() => [KeyValueType], { description: 'Free-form fields, in the node’s order.' })
  extraFields!: KeyValueType[];
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType('NodeIdentity', { description: 'A node’s keys, who acts for it, and how it describes itself.' })
export class NodeIdentityType implements NodeIdentityView {
  @Field({
    description:
      'BLS12-381 public key the node signs with this epoch: compressed (48 bytes), base64, as the node ' +
      'software and `walrus health` print it (the chain keeps it uncompressed).',
  })
  publicKey!: string;
  @Field(() => String, {
    nullable: true,
    description:
      'The key set_next_public_key scheduled, base64 as publicKey: in force from the pool’s next epoch change.',
  })
  nextEpochPublicKey!: string | null;
  @Field({ description: 'The TLS key of its network address (33 bytes), hex.' }) networkPublicKey!: string;
  @Field(() => AuthorizedType, { description: 'Who may collect the commission (and change this).' })
  commissionReceiver!: AuthorizedType;
  @Field(() => AuthorizedType, {
    description: 'Who may vote for the node in governance (slashing, upgrades) and change this.',
  })
  governanceAuthorized!: AuthorizedType;
  @Field(() => NodeMetadataType, { nullable: true, description: 'Null until its metadata is indexed.' })
  metadata!: NodeMetadataType | null;
}

@ObjectType('NodeIdentityChange', {
  description: 'The node’s identity after a change of its name, address, keys or authorisations.',
})
export class NodeIdentityChangeType implements NodeIdentityChangeView {
  @Field(() => BigInt, { description: 'The pool object’s version that made the change.' }) version!: bigint;
  @Field(() => BigInt) checkpoint!: bigint;
  @Field(() => Date) changedAt!: Date;
  @Field() name!: string;
  @Field() networkAddress!: string;
  @Field() publicKey!: string;
  @Field(() => String, { nullable: true }) nextEpochPublicKey!: string | null;
  @Field() networkPublicKey!: string;
  @Field(() => AuthorizedType) commissionReceiver!: AuthorizedType;
  @Field(() => AuthorizedType) governanceAuthorized!: AuthorizedType;
  @Field(() => [String], {
    description:
      'The fields that differ from the change before: name, networkAddress, publicKey, … (all for the first).',
  })
  changed!: string[];
}
