import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { PageInfoType } from 'src/api/staking/operator.types';
import type {
  HolderConnectionView,
  HolderView,
  StakeFlowView,
} from 'src/staking/operator-delegators.service';

export enum HolderOrderField {
  PRINCIPAL = 'PRINCIPAL',
  ADDRESS = 'ADDRESS',
}

registerEnumType(HolderOrderField, {
  name: 'DelegatorOrder',
  description: 'PRINCIPAL: largest first (then by address); ADDRESS: by address.',
});

@ObjectType('OperatorDelegator', { description: 'An address with live stake on the node.' })
export class HolderType implements HolderView {
  @Field() address!: string;
  @Field(() => BigInt, { description: 'FROST.' }) principal!: bigint;
  @Field(() => BigInt, { description: 'Of the principal, what is requested for withdrawal; FROST.' })
  withdrawing!: bigint;
  @Field(() => Int) positions!: number;
}

@ObjectType('OperatorDelegatorEdge')
export class HolderEdgeType {
  @Field() cursor!: string;
  @Field(() => HolderType) node!: HolderType;
}

@ObjectType('OperatorDelegatorConnection')
export class HolderConnectionType implements HolderConnectionView {
  @Field(() => [HolderEdgeType]) edges!: HolderEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
}

@ObjectType('StakeFlow', {
  description:
    'What moved in and out of the pool in one epoch, per address: each address’s principal at the epoch’s ' +
    'end against the epoch before. A withdrawal counts when the stake is withdrawn, not when requested.',
})
export class StakeFlowType implements StakeFlowView {
  @Field(() => Int) epoch!: number;
  @Field(() => BigInt) stakeAdded!: bigint;
  @Field(() => BigInt) stakeWithdrawn!: bigint;
  @Field(() => Int) delegatorsJoined!: number;
  @Field(() => Int) delegatorsLeft!: number;
  @Field(() => Int, { description: 'Addresses with stake at the epoch’s end (now, for the current one).' })
  delegators!: number;
}
