/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> =
  T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The contract’s epoch state: shards moving (EpochChangeSync), handoff done and staking open (EpochChangeDone), next committee selected (NextParamsSelected). */
export type EpochStateKind = 'EpochChangeDone' | 'EpochChangeSync' | 'NextParamsSelected';

export type Membership = 'continuing' | 'joining' | 'leaving';

/** FORECAST: from Tusk’s predicted next committee (before voting_end); SELECTED: from the chain’s next committee, before the epoch change; LIVE: the epoch change started and the handoff is tracked. */
export type MigrationKind = 'FORECAST' | 'LIVE' | 'SELECTED';

export type OperatorOrder = {
  direction?: OrderDirection;
  field: OperatorOrderField;
};

export type OperatorOrderField =
  /** The APY of the longest window of at most 10 epochs the pool was active throughout; operators without one come last. */
  | 'apy'
  | 'commissionRate'
  | 'name'
  /** The performance score over the last 10 epochs; operators without one come last. */
  | 'score'
  | 'shards'
  | 'stake';

/** Filters, combined with AND; `AND` and `OR` nest them. */
export type OperatorWhere = {
  AND?: Array<OperatorWhere> | null | undefined;
  OR?: Array<OperatorWhere> | null | undefined;
  commissionRate_gt?: number | null | undefined;
  commissionRate_lt?: number | null | undefined;
  commissionRate_lte?: number | null | undefined;
  inCommittee?: boolean | null | undefined;
  name_contains?: string | null | undefined;
  nodeId_in?: Array<string> | null | undefined;
  shards_gt?: number | null | undefined;
  shards_lt?: number | null | undefined;
  stake_gt?: string | null | undefined;
  stake_gte?: string | null | undefined;
  stake_lt?: string | null | undefined;
  stake_lte?: string | null | undefined;
};

export type OrderDirection = 'asc' | 'desc';

/** What advance_epoch will do with a scheduled rate. The deployed contracts (Staking interface version 3) apply a rate only in exactly its epoch, so one whose epoch passed while the pool was in no committee never applies; from version 4 the latest due rate applies at the pool’s next advance. */
export type PendingCommissionStatus =
  /** Past due: the pool applies it at its next advance (version 4 on). */
  | 'DUE_AT_NEXT_ADVANCE'
  /** Its epoch passed without the pool being advanced: it will never apply. */
  | 'LAPSED'
  /** Its epoch is ahead: it applies then if the pool takes part in that epoch change. */
  | 'PENDING'
  /** Past due, but a later due rate replaces it at the next advance. */
  | 'SUPERSEDED';

/** Why a member does not serve shards: UNREACHABLE (no answer within the freshness window), BEHIND (it answers for an earlier epoch), RECOVERING (the node or the shards recover), NOT_READY (in transfer, unknown or not reported). */
export type UnavailabilityReason = 'BEHIND' | 'NOT_READY' | 'RECOVERING' | 'UNREACHABLE';

/** A call of the staking contract that takes stake out of a pool. */
export type WithdrawCall =
  /** `request_withdraw_stake`: the first step, for stake a committee holds; it sets the withdrawal epoch. */
  | 'REQUEST_WITHDRAW_STAKE'
  /** `withdraw_stake`: pays out the principal (and rewards where earned) and destroys the StakedWal. */
  | 'WITHDRAW_STAKE';

export type MetaQueryVariables = Exact<{ [key: string]: never }>;

export type MetaQuery = {
  _meta: {
    network: string;
    checkpoint: string | null;
    epoch: number | null;
    lagSeconds: number | null;
    replica: { behind: boolean; lagSeconds: number | null } | null;
    pipelines: Array<{ name: string; error: string | null }>;
  };
};

export type NetworkStateFragment = {
  network: string;
  epoch: number;
  state: EpochStateKind;
  nShards: number;
  syncQuorum: number;
  syncWeight: number | null;
  votingEndAt: string | null;
  epochChangeAt: string | null;
  doneAt: string | null;
  epochDurationMs: string;
};

export type AvailabilityVerdictFragment = {
  epoch: number;
  canRead: boolean;
  canWrite: boolean;
  shardsAvailable: number;
  shardsUnavailable: number;
  nShards: number;
  readThreshold: number;
  writeThreshold: number;
  writesFailAfterNodes: number | null;
  since: string;
  current: boolean;
};

export type NetworkQueryVariables = Exact<{ [key: string]: never }>;

export type NetworkQuery = {
  network: {
    network: string;
    epoch: number;
    state: EpochStateKind;
    nShards: number;
    syncQuorum: number;
    syncWeight: number | null;
    votingEndAt: string | null;
    epochChangeAt: string | null;
    doneAt: string | null;
    epochDurationMs: string;
  };
};

export type EpochStateChangedSubscriptionVariables = Exact<{ [key: string]: never }>;

export type EpochStateChangedSubscription = {
  epochStateChanged: {
    network: string;
    epoch: number;
    state: EpochStateKind;
    nShards: number;
    syncQuorum: number;
    syncWeight: number | null;
    votingEndAt: string | null;
    epochChangeAt: string | null;
    doneAt: string | null;
    epochDurationMs: string;
  };
};

export type SyncProgressSubscriptionVariables = Exact<{ [key: string]: never }>;

export type SyncProgressSubscription = {
  syncProgress: {
    network: string;
    epoch: number;
    state: EpochStateKind;
    nShards: number;
    syncQuorum: number;
    syncWeight: number | null;
    votingEndAt: string | null;
    epochChangeAt: string | null;
    doneAt: string | null;
    epochDurationMs: string;
  };
};

export type AvailabilityQueryVariables = Exact<{ [key: string]: never }>;

export type AvailabilityQuery = {
  availability: {
    epoch: number;
    canRead: boolean;
    canWrite: boolean;
    shardsAvailable: number;
    shardsUnavailable: number;
    nShards: number;
    readThreshold: number;
    writeThreshold: number;
    writesFailAfterNodes: number | null;
    since: string;
    current: boolean;
  };
};

export type AvailabilityChangedSubscriptionVariables = Exact<{ [key: string]: never }>;

export type AvailabilityChangedSubscription = {
  availabilityChanged: {
    epoch: number;
    canRead: boolean;
    canWrite: boolean;
    shardsAvailable: number;
    shardsUnavailable: number;
    nShards: number;
    readThreshold: number;
    writeThreshold: number;
    writesFailAfterNodes: number | null;
    since: string;
    current: boolean;
  };
};

export type OperatorsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  orderBy?: Array<OperatorOrder> | OperatorOrder | null | undefined;
  where?: OperatorWhere | null | undefined;
}>;

export type OperatorsQuery = {
  operators: {
    totalCount: number;
    pageInfo: { endCursor: string | null; hasNextPage: boolean };
    edges: Array<{
      node: {
        nodeId: string;
        name: string;
        stake: string;
        shards: number;
        commissionRate: number;
        inCommittee: boolean;
        delegatorCount: number;
        pendingCommissionRates: Array<{
          rate: number;
          effectiveEpoch: number;
          status: PendingCommissionStatus;
        }>;
        apy: Array<{ apy: number | null; fromEpoch: number; toEpoch: number }>;
        score: { score: number | null };
        outlook: { shards: number; saturated: boolean; smallestStakeWithShards: string | null } | null;
      };
    }>;
  };
};

export type OperatorQueryVariables = Exact<{
  id: string;
}>;

export type OperatorQuery = {
  operator: {
    nodeId: string;
    name: string;
    state: string;
    networkAddress: string;
    stake: string;
    selfStake: string;
    shards: number;
    commissionRate: number;
    activationEpoch: number;
    inCommittee: boolean;
    activeSetRank: number | null;
    delegatorCount: number;
    identity: { metadata: { description: string; projectUrl: string } | null } | null;
    pendingCommissionRates: Array<{
      rate: number;
      effectiveEpoch: number;
      status: PendingCommissionStatus;
      avoidByRequestInEpoch: number;
      avoidRequestBefore: string | null;
      tooLateToAvoid: boolean;
    }>;
    apy: Array<{ apy: number | null; fromEpoch: number; toEpoch: number; epochsPerYear: number }>;
    score: {
      score: number | null;
      fromEpoch: number;
      toEpoch: number;
      components: Array<{ name: string; value: number; weight: number; inputs: string }>;
    };
    outlook: {
      shards: number;
      rank: number | null;
      activeSetSize: number;
      saturated: boolean;
      shardCap: number;
      smallestStakeWithShards: string | null;
    } | null;
    history: Array<{ epoch: number; stake: string; shards: number; commissionRate: number }>;
    exchangeRates: Array<{ epoch: number; walAmount: string; shareAmount: string }>;
    handoffs: Array<{
      epoch: number;
      membership: string;
      gained: number;
      lost: number;
      startedAt: string;
      attestedAt: string | null;
      attestedLate: boolean | null;
      syncSeconds: number | null;
      secondsPerGb: number | null;
      receiveBytes: string;
    }>;
    availability: {
      uptime: Array<{ window: string; uptime: number | null; incidents: number }>;
      incidents: Array<{
        id: string;
        epoch: number;
        startedAt: string;
        endedAt: string | null;
        durationSeconds: number;
        reasons: Array<UnavailabilityReason>;
        shardsAffected: number;
      }>;
    };
    rewardHistory: Array<{
      epoch: number;
      shards: number;
      reward: string;
      commission: string | null;
      delegatorReward: string | null;
    }>;
  };
};

export type OperatorNamesQueryVariables = Exact<{ [key: string]: never }>;

export type OperatorNamesQuery = { operators: { edges: Array<{ node: { nodeId: string; name: string } }> } };

export type SimulationQueryVariables = Exact<{
  id: string;
  amount: string;
}>;

export type SimulationQuery = {
  simulateStake: {
    activationEpoch: number;
    yieldPerWalRatio: number | null;
    before: { shards: number; rank: number | null; activeSetSize: number; saturated: boolean };
    after: {
      shards: number;
      rank: number | null;
      activeSetSize: number;
      saturated: boolean;
      smallestStakeWithShards: string | null;
    };
  };
  operator: {
    nodeId: string;
    name: string;
    stake: string;
    commissionRate: number;
    inCommittee: boolean;
    pendingCommissionRates: Array<{
      rate: number;
      effectiveEpoch: number;
      status: PendingCommissionStatus;
      avoidRequestBefore: string | null;
      tooLateToAvoid: boolean;
    }>;
    rewardProjections: Array<{ epoch: number; delegatorReward: string; commissionRate: number }>;
  };
  network: { epoch: number };
};

export type DelegatorQueryVariables = Exact<{
  address: string;
}>;

export type DelegatorQuery = {
  delegator: {
    address: string;
    epoch: number;
    totalPrincipal: string;
    totalRewards: string;
    positions: Array<{
      objectId: string;
      nodeId: string;
      nodeName: string | null;
      principal: string;
      rewards: string;
      state: string;
      active: boolean;
      activationEpoch: number;
      withdrawEpoch: number | null;
      canWithdrawNow: boolean;
      canWithdrawEarly: boolean;
      withdrawal: {
        callNow: WithdrawCall | null;
        withdrawStakeFromEpoch: number;
        afterRequest: boolean;
        paysRewards: boolean;
      };
    }>;
  };
};

export type NextCommitteeQueryVariables = Exact<{ [key: string]: never }>;

export type NextCommitteeQuery = {
  nextCommittee: {
    committee: { epoch: number; predicted: boolean; members: Array<{ nodeId: string; name: string | null }> };
    change: {
      movedShards: number;
      nodes: Array<{
        nodeId: string;
        membership: Membership;
        gained: Array<number>;
        kept: Array<number>;
        lost: Array<number>;
      }>;
    };
  };
  committee: { epoch: number; members: Array<{ nodeId: string; name: string | null }> };
};

export type HandoffProgressFragment = {
  epoch: number;
  kind: MigrationKind;
  status: string;
  movedShards: number;
  etaSeconds: number;
  progress: {
    planned: number;
    received: number;
    transferring: number;
    recovering: number;
    failed: number;
    fractionReceived: number;
  };
  quorum: {
    attestedWeight: number;
    quorumWeight: number;
    totalWeight: number;
    reached: boolean;
    atRisk: boolean;
  };
};

export type HandoffQueryVariables = Exact<{ [key: string]: never }>;

export type HandoffQuery = {
  shardMigration: {
    epoch: number;
    kind: MigrationKind;
    status: string;
    movedShards: number;
    etaSeconds: number;
    progress: {
      planned: number;
      received: number;
      transferring: number;
      recovering: number;
      failed: number;
      fractionReceived: number;
    };
    quorum: {
      attestedWeight: number;
      quorumWeight: number;
      totalWeight: number;
      reached: boolean;
      atRisk: boolean;
    };
  };
};

export type HandoffProgressChangedSubscriptionVariables = Exact<{ [key: string]: never }>;

export type HandoffProgressChangedSubscription = {
  shardMigrationProgress: {
    epoch: number;
    kind: MigrationKind;
    status: string;
    movedShards: number;
    etaSeconds: number;
    progress: {
      planned: number;
      received: number;
      transferring: number;
      recovering: number;
      failed: number;
      fractionReceived: number;
    };
    quorum: {
      attestedWeight: number;
      quorumWeight: number;
      totalWeight: number;
      reached: boolean;
      atRisk: boolean;
    };
  };
};

export const NetworkStateFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'NetworkState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Network' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'network' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncQuorum' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncWeight' } },
          { kind: 'Field', name: { kind: 'Name', value: 'votingEndAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochChangeAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'doneAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochDurationMs' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<NetworkStateFragment, unknown>;
export const AvailabilityVerdictFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AvailabilityVerdict' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Availability' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'canRead' } },
          { kind: 'Field', name: { kind: 'Name', value: 'canWrite' } },
          { kind: 'Field', name: { kind: 'Name', value: 'shardsAvailable' } },
          { kind: 'Field', name: { kind: 'Name', value: 'shardsUnavailable' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'readThreshold' } },
          { kind: 'Field', name: { kind: 'Name', value: 'writeThreshold' } },
          { kind: 'Field', name: { kind: 'Name', value: 'writesFailAfterNodes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'since' } },
          { kind: 'Field', name: { kind: 'Name', value: 'current' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AvailabilityVerdictFragment, unknown>;
export const HandoffProgressFragmentDoc = {
  kind: 'Document',
  definitions: [
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'HandoffProgress' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ShardMigration' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'movedShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'etaSeconds' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'progress' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'planned' } },
                { kind: 'Field', name: { kind: 'Name', value: 'received' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transferring' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recovering' } },
                { kind: 'Field', name: { kind: 'Name', value: 'failed' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fractionReceived' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'quorum' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'attestedWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quorumWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reached' } },
                { kind: 'Field', name: { kind: 'Name', value: 'atRisk' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<HandoffProgressFragment, unknown>;
export const MetaDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Meta' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: '_meta' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'network' } },
                { kind: 'Field', name: { kind: 'Name', value: 'checkpoint' } },
                { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                { kind: 'Field', name: { kind: 'Name', value: 'lagSeconds' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'replica' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'behind' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lagSeconds' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pipelines' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'error' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<MetaQuery, MetaQueryVariables>;
export const NetworkDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Network' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'network' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'NetworkState' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'NetworkState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Network' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'network' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncQuorum' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncWeight' } },
          { kind: 'Field', name: { kind: 'Name', value: 'votingEndAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochChangeAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'doneAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochDurationMs' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<NetworkQuery, NetworkQueryVariables>;
export const EpochStateChangedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'EpochStateChanged' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'epochStateChanged' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'NetworkState' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'NetworkState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Network' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'network' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncQuorum' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncWeight' } },
          { kind: 'Field', name: { kind: 'Name', value: 'votingEndAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochChangeAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'doneAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochDurationMs' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<EpochStateChangedSubscription, EpochStateChangedSubscriptionVariables>;
export const SyncProgressDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'SyncProgress' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'syncProgress' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'NetworkState' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'NetworkState' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Network' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'network' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'state' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncQuorum' } },
          { kind: 'Field', name: { kind: 'Name', value: 'syncWeight' } },
          { kind: 'Field', name: { kind: 'Name', value: 'votingEndAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochChangeAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'doneAt' } },
          { kind: 'Field', name: { kind: 'Name', value: 'epochDurationMs' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SyncProgressSubscription, SyncProgressSubscriptionVariables>;
export const AvailabilityDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Availability' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'availability' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AvailabilityVerdict' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AvailabilityVerdict' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Availability' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'canRead' } },
          { kind: 'Field', name: { kind: 'Name', value: 'canWrite' } },
          { kind: 'Field', name: { kind: 'Name', value: 'shardsAvailable' } },
          { kind: 'Field', name: { kind: 'Name', value: 'shardsUnavailable' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'readThreshold' } },
          { kind: 'Field', name: { kind: 'Name', value: 'writeThreshold' } },
          { kind: 'Field', name: { kind: 'Name', value: 'writesFailAfterNodes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'since' } },
          { kind: 'Field', name: { kind: 'Name', value: 'current' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AvailabilityQuery, AvailabilityQueryVariables>;
export const AvailabilityChangedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'AvailabilityChanged' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'availabilityChanged' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'AvailabilityVerdict' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'AvailabilityVerdict' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'Availability' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'canRead' } },
          { kind: 'Field', name: { kind: 'Name', value: 'canWrite' } },
          { kind: 'Field', name: { kind: 'Name', value: 'shardsAvailable' } },
          { kind: 'Field', name: { kind: 'Name', value: 'shardsUnavailable' } },
          { kind: 'Field', name: { kind: 'Name', value: 'nShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'readThreshold' } },
          { kind: 'Field', name: { kind: 'Name', value: 'writeThreshold' } },
          { kind: 'Field', name: { kind: 'Name', value: 'writesFailAfterNodes' } },
          { kind: 'Field', name: { kind: 'Name', value: 'since' } },
          { kind: 'Field', name: { kind: 'Name', value: 'current' } },
        ],
      },
    },
  ],
} as unknown as DocumentNode<AvailabilityChangedSubscription, AvailabilityChangedSubscriptionVariables>;
export const OperatorsDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Operators' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'Int' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'orderBy' } },
          type: {
            kind: 'ListType',
            type: {
              kind: 'NonNullType',
              type: { kind: 'NamedType', name: { kind: 'Name', value: 'OperatorOrder' } },
            },
          },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'where' } },
          type: { kind: 'NamedType', name: { kind: 'Name', value: 'OperatorWhere' } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'operators' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'first' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'after' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'after' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'orderBy' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'orderBy' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'where' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'where' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'totalCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pageInfo' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'endCursor' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'hasNextPage' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'stake' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'commissionRate' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'pendingCommissionRates' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'effectiveEpoch' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'apy' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'apy' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'fromEpoch' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'toEpoch' } },
                                ],
                              },
                            },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'score' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [{ kind: 'Field', name: { kind: 'Name', value: 'score' } }],
                              },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'inCommittee' } },
                            {
                              kind: 'Field',
                              name: { kind: 'Name', value: 'outlook' },
                              selectionSet: {
                                kind: 'SelectionSet',
                                selections: [
                                  { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'saturated' } },
                                  { kind: 'Field', name: { kind: 'Name', value: 'smallestStakeWithShards' } },
                                ],
                              },
                            },
                            { kind: 'Field', name: { kind: 'Name', value: 'delegatorCount' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OperatorsQuery, OperatorsQueryVariables>;
export const OperatorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Operator' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'operator' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                { kind: 'Field', name: { kind: 'Name', value: 'networkAddress' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stake' } },
                { kind: 'Field', name: { kind: 'Name', value: 'selfStake' } },
                { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                { kind: 'Field', name: { kind: 'Name', value: 'commissionRate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'activationEpoch' } },
                { kind: 'Field', name: { kind: 'Name', value: 'inCommittee' } },
                { kind: 'Field', name: { kind: 'Name', value: 'activeSetRank' } },
                { kind: 'Field', name: { kind: 'Name', value: 'delegatorCount' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'identity' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'metadata' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'description' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'projectUrl' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pendingCommissionRates' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'effectiveEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'avoidByRequestInEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'avoidRequestBefore' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tooLateToAvoid' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'apy' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'apy' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'fromEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'toEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'epochsPerYear' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'score' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'score' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'fromEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'toEpoch' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'components' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'value' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'weight' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'inputs' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'outlook' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'rank' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'activeSetSize' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'saturated' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'shardCap' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'smallestStakeWithShards' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'history' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'last' },
                      value: { kind: 'IntValue', value: '60' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'stake' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'commissionRate' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'exchangeRates' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'walAmount' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'shareAmount' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'handoffs' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'last' },
                      value: { kind: 'IntValue', value: '10' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'membership' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'gained' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'lost' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'attestedAt' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'attestedLate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'syncSeconds' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'secondsPerGb' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'receiveBytes' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'availability' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'uptime' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'window' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'uptime' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'incidents' } },
                          ],
                        },
                      },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'incidents' },
                        arguments: [
                          {
                            kind: 'Argument',
                            name: { kind: 'Name', value: 'last' },
                            value: { kind: 'IntValue', value: '10' },
                          },
                        ],
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'id' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'startedAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'endedAt' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'durationSeconds' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'reasons' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'shardsAffected' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'rewardHistory' },
                  arguments: [
                    {
                      kind: 'Argument',
                      name: { kind: 'Name', value: 'last' },
                      value: { kind: 'IntValue', value: '20' },
                    },
                  ],
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'reward' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'commission' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'delegatorReward' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OperatorQuery, OperatorQueryVariables>;
export const OperatorNamesDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'OperatorNames' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'operators' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'first' },
                value: { kind: 'IntValue', value: '1000' },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'orderBy' },
                value: {
                  kind: 'ListValue',
                  values: [
                    {
                      kind: 'ObjectValue',
                      fields: [
                        {
                          kind: 'ObjectField',
                          name: { kind: 'Name', value: 'field' },
                          value: { kind: 'EnumValue', value: 'name' },
                        },
                        {
                          kind: 'ObjectField',
                          name: { kind: 'Name', value: 'direction' },
                          value: { kind: 'EnumValue', value: 'asc' },
                        },
                      ],
                    },
                  ],
                },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'edges' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'node' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<OperatorNamesQuery, OperatorNamesQueryVariables>;
export const SimulationDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Simulation' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'amount' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'BigInt' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'simulateStake' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'nodeId' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'amount' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'amount' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'activationEpoch' } },
                { kind: 'Field', name: { kind: 'Name', value: 'yieldPerWalRatio' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'before' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'rank' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'activeSetSize' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'saturated' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'after' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'shards' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'rank' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'activeSetSize' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'saturated' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'smallestStakeWithShards' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'operator' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'id' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'id' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                { kind: 'Field', name: { kind: 'Name', value: 'stake' } },
                { kind: 'Field', name: { kind: 'Name', value: 'commissionRate' } },
                { kind: 'Field', name: { kind: 'Name', value: 'inCommittee' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'pendingCommissionRates' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'rate' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'effectiveEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'status' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'avoidRequestBefore' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'tooLateToAvoid' } },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'rewardProjections' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'delegatorReward' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'commissionRate' } },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'network' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'Field', name: { kind: 'Name', value: 'epoch' } }],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<SimulationQuery, SimulationQueryVariables>;
export const DelegatorDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Delegator' },
      variableDefinitions: [
        {
          kind: 'VariableDefinition',
          variable: { kind: 'Variable', name: { kind: 'Name', value: 'address' } },
          type: { kind: 'NonNullType', type: { kind: 'NamedType', name: { kind: 'Name', value: 'String' } } },
        },
      ],
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'delegator' },
            arguments: [
              {
                kind: 'Argument',
                name: { kind: 'Name', value: 'address' },
                value: { kind: 'Variable', name: { kind: 'Name', value: 'address' } },
              },
            ],
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'address' } },
                { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalPrincipal' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalRewards' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'positions' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'objectId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'nodeName' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'principal' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'rewards' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'state' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'active' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'activationEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'withdrawEpoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'canWithdrawNow' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'canWithdrawEarly' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'withdrawal' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'callNow' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'withdrawStakeFromEpoch' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'afterRequest' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'paysRewards' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<DelegatorQuery, DelegatorQueryVariables>;
export const NextCommitteeDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'NextCommittee' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'nextCommittee' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'committee' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'predicted' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'members' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                          ],
                        },
                      },
                    ],
                  },
                },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'change' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'movedShards' } },
                      {
                        kind: 'Field',
                        name: { kind: 'Name', value: 'nodes' },
                        selectionSet: {
                          kind: 'SelectionSet',
                          selections: [
                            { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'membership' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'gained' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'kept' } },
                            { kind: 'Field', name: { kind: 'Name', value: 'lost' } },
                          ],
                        },
                      },
                    ],
                  },
                },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'committee' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
                {
                  kind: 'Field',
                  name: { kind: 'Name', value: 'members' },
                  selectionSet: {
                    kind: 'SelectionSet',
                    selections: [
                      { kind: 'Field', name: { kind: 'Name', value: 'nodeId' } },
                      { kind: 'Field', name: { kind: 'Name', value: 'name' } },
                    ],
                  },
                },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<NextCommitteeQuery, NextCommitteeQueryVariables>;
export const HandoffDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'query',
      name: { kind: 'Name', value: 'Handoff' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'shardMigration' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'HandoffProgress' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'HandoffProgress' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ShardMigration' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'movedShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'etaSeconds' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'progress' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'planned' } },
                { kind: 'Field', name: { kind: 'Name', value: 'received' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transferring' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recovering' } },
                { kind: 'Field', name: { kind: 'Name', value: 'failed' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fractionReceived' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'quorum' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'attestedWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quorumWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reached' } },
                { kind: 'Field', name: { kind: 'Name', value: 'atRisk' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<HandoffQuery, HandoffQueryVariables>;
export const HandoffProgressChangedDocument = {
  kind: 'Document',
  definitions: [
    {
      kind: 'OperationDefinition',
      operation: 'subscription',
      name: { kind: 'Name', value: 'HandoffProgressChanged' },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'shardMigrationProgress' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [{ kind: 'FragmentSpread', name: { kind: 'Name', value: 'HandoffProgress' } }],
            },
          },
        ],
      },
    },
    {
      kind: 'FragmentDefinition',
      name: { kind: 'Name', value: 'HandoffProgress' },
      typeCondition: { kind: 'NamedType', name: { kind: 'Name', value: 'ShardMigration' } },
      selectionSet: {
        kind: 'SelectionSet',
        selections: [
          { kind: 'Field', name: { kind: 'Name', value: 'epoch' } },
          { kind: 'Field', name: { kind: 'Name', value: 'kind' } },
          { kind: 'Field', name: { kind: 'Name', value: 'status' } },
          { kind: 'Field', name: { kind: 'Name', value: 'movedShards' } },
          { kind: 'Field', name: { kind: 'Name', value: 'etaSeconds' } },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'progress' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'planned' } },
                { kind: 'Field', name: { kind: 'Name', value: 'received' } },
                { kind: 'Field', name: { kind: 'Name', value: 'transferring' } },
                { kind: 'Field', name: { kind: 'Name', value: 'recovering' } },
                { kind: 'Field', name: { kind: 'Name', value: 'failed' } },
                { kind: 'Field', name: { kind: 'Name', value: 'fractionReceived' } },
              ],
            },
          },
          {
            kind: 'Field',
            name: { kind: 'Name', value: 'quorum' },
            selectionSet: {
              kind: 'SelectionSet',
              selections: [
                { kind: 'Field', name: { kind: 'Name', value: 'attestedWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'quorumWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'totalWeight' } },
                { kind: 'Field', name: { kind: 'Name', value: 'reached' } },
                { kind: 'Field', name: { kind: 'Name', value: 'atRisk' } },
              ],
            },
          },
        ],
      },
    },
  ],
} as unknown as DocumentNode<HandoffProgressChangedSubscription, HandoffProgressChangedSubscriptionVariables>;
