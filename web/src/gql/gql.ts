/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  query Meta {\n    _meta {\n      network\n      checkpoint\n      epoch\n      lagSeconds\n      replica {\n        behind\n        lagSeconds\n      }\n      pipelines {\n        name\n        error\n      }\n    }\n  }\n': typeof types.MetaDocument;
  '\n  fragment NetworkState on Network {\n    network\n    epoch\n    state\n    nShards\n    syncQuorum\n    syncWeight\n    votingEndAt\n    epochChangeAt\n    doneAt\n    epochDurationMs\n  }\n': typeof types.NetworkStateFragmentDoc;
  '\n  fragment AvailabilityVerdict on Availability {\n    epoch\n    canRead\n    canWrite\n    shardsAvailable\n    shardsUnavailable\n    nShards\n    readThreshold\n    writeThreshold\n    writesFailAfterNodes\n    since\n    current\n  }\n': typeof types.AvailabilityVerdictFragmentDoc;
  '\n  query Network {\n    network {\n      ...NetworkState\n    }\n  }\n': typeof types.NetworkDocument;
  '\n  subscription EpochStateChanged {\n    epochStateChanged {\n      ...NetworkState\n    }\n  }\n': typeof types.EpochStateChangedDocument;
  '\n  subscription SyncProgress {\n    syncProgress {\n      ...NetworkState\n    }\n  }\n': typeof types.SyncProgressDocument;
  '\n  query Availability {\n    availability {\n      ...AvailabilityVerdict\n    }\n  }\n': typeof types.AvailabilityDocument;
  '\n  subscription AvailabilityChanged {\n    availabilityChanged {\n      ...AvailabilityVerdict\n    }\n  }\n': typeof types.AvailabilityChangedDocument;
  '\n  query Operators($first: Int, $after: String, $orderBy: [OperatorOrder!], $where: OperatorWhere) {\n    operators(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          nodeId\n          name\n          stake\n          shards\n          commissionRate\n          pendingCommissionRates {\n            rate\n            effectiveEpoch\n            status\n          }\n          apy {\n            apy\n            fromEpoch\n            toEpoch\n          }\n          score {\n            score\n          }\n          inCommittee\n          outlook {\n            shards\n            saturated\n            smallestStakeWithShards\n          }\n          delegatorCount\n        }\n      }\n    }\n  }\n': typeof types.OperatorsDocument;
  '\n  query Operator($id: String!) {\n    operator(id: $id) {\n      nodeId\n      name\n      state\n      networkAddress\n      stake\n      selfStake\n      shards\n      commissionRate\n      activationEpoch\n      inCommittee\n      activeSetRank\n      delegatorCount\n      identity {\n        metadata {\n          description\n          projectUrl\n        }\n      }\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidByRequestInEpoch\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      apy {\n        apy\n        fromEpoch\n        toEpoch\n        epochsPerYear\n      }\n      score {\n        score\n        fromEpoch\n        toEpoch\n        components {\n          name\n          value\n          weight\n          inputs\n        }\n      }\n      outlook {\n        shards\n        rank\n        activeSetSize\n        saturated\n        shardCap\n        smallestStakeWithShards\n      }\n      history(last: 60) {\n        epoch\n        stake\n        shards\n        commissionRate\n      }\n      exchangeRates {\n        epoch\n        walAmount\n        shareAmount\n      }\n      handoffs(last: 10) {\n        epoch\n        membership\n        gained\n        lost\n        startedAt\n        attestedAt\n        attestedLate\n        syncSeconds\n        secondsPerGb\n        receiveBytes\n      }\n      availability {\n        uptime {\n          window\n          uptime\n          incidents\n        }\n        incidents(last: 10) {\n          id\n          epoch\n          startedAt\n          endedAt\n          durationSeconds\n          reasons\n          shardsAffected\n        }\n      }\n      rewardHistory(last: 20) {\n        epoch\n        shards\n        reward\n        commission\n        delegatorReward\n      }\n    }\n  }\n': typeof types.OperatorDocument;
  '\n  query OperatorNames {\n    operators(first: 1000, orderBy: [{ field: name, direction: asc }]) {\n      edges {\n        node {\n          nodeId\n          name\n        }\n      }\n    }\n  }\n': typeof types.OperatorNamesDocument;
  '\n  query Simulation($id: String!, $amount: BigInt!) {\n    simulateStake(nodeId: $id, amount: $amount) {\n      activationEpoch\n      yieldPerWalRatio\n      before {\n        shards\n        rank\n        activeSetSize\n        saturated\n      }\n      after {\n        shards\n        rank\n        activeSetSize\n        saturated\n        smallestStakeWithShards\n      }\n    }\n    operator(id: $id) {\n      nodeId\n      name\n      stake\n      commissionRate\n      inCommittee\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      rewardProjections {\n        epoch\n        delegatorReward\n        commissionRate\n      }\n    }\n    network {\n      epoch\n    }\n  }\n': typeof types.SimulationDocument;
  '\n  query Delegator($address: String!) {\n    delegator(address: $address) {\n      address\n      epoch\n      totalPrincipal\n      totalRewards\n      positions {\n        objectId\n        nodeId\n        nodeName\n        principal\n        rewards\n        state\n        active\n        activationEpoch\n        withdrawEpoch\n        canWithdrawNow\n        canWithdrawEarly\n        withdrawal {\n          callNow\n          withdrawStakeFromEpoch\n          afterRequest\n          paysRewards\n        }\n      }\n    }\n  }\n': typeof types.DelegatorDocument;
  '\n  query NextCommittee {\n    nextCommittee {\n      committee {\n        epoch\n        predicted\n        members {\n          nodeId\n          name\n        }\n      }\n      change {\n        movedShards\n        nodes {\n          nodeId\n          membership\n          gained\n          kept\n          lost\n        }\n      }\n    }\n    committee {\n      epoch\n      members {\n        nodeId\n        name\n      }\n    }\n  }\n': typeof types.NextCommitteeDocument;
  '\n  fragment HandoffProgress on ShardMigration {\n    epoch\n    kind\n    status\n    movedShards\n    etaSeconds\n    progress {\n      planned\n      received\n      transferring\n      recovering\n      failed\n      fractionReceived\n    }\n    quorum {\n      attestedWeight\n      quorumWeight\n      totalWeight\n      reached\n      atRisk\n    }\n  }\n': typeof types.HandoffProgressFragmentDoc;
  '\n  query Handoff {\n    shardMigration {\n      ...HandoffProgress\n    }\n  }\n': typeof types.HandoffDocument;
  '\n  subscription HandoffProgressChanged {\n    shardMigrationProgress {\n      ...HandoffProgress\n    }\n  }\n': typeof types.HandoffProgressChangedDocument;
};
const documents: Documents = {
  '\n  query Meta {\n    _meta {\n      network\n      checkpoint\n      epoch\n      lagSeconds\n      replica {\n        behind\n        lagSeconds\n      }\n      pipelines {\n        name\n        error\n      }\n    }\n  }\n':
    types.MetaDocument,
  '\n  fragment NetworkState on Network {\n    network\n    epoch\n    state\n    nShards\n    syncQuorum\n    syncWeight\n    votingEndAt\n    epochChangeAt\n    doneAt\n    epochDurationMs\n  }\n':
    types.NetworkStateFragmentDoc,
  '\n  fragment AvailabilityVerdict on Availability {\n    epoch\n    canRead\n    canWrite\n    shardsAvailable\n    shardsUnavailable\n    nShards\n    readThreshold\n    writeThreshold\n    writesFailAfterNodes\n    since\n    current\n  }\n':
    types.AvailabilityVerdictFragmentDoc,
  '\n  query Network {\n    network {\n      ...NetworkState\n    }\n  }\n': types.NetworkDocument,
  '\n  subscription EpochStateChanged {\n    epochStateChanged {\n      ...NetworkState\n    }\n  }\n':
    types.EpochStateChangedDocument,
  '\n  subscription SyncProgress {\n    syncProgress {\n      ...NetworkState\n    }\n  }\n':
    types.SyncProgressDocument,
  '\n  query Availability {\n    availability {\n      ...AvailabilityVerdict\n    }\n  }\n':
    types.AvailabilityDocument,
  '\n  subscription AvailabilityChanged {\n    availabilityChanged {\n      ...AvailabilityVerdict\n    }\n  }\n':
    types.AvailabilityChangedDocument,
  '\n  query Operators($first: Int, $after: String, $orderBy: [OperatorOrder!], $where: OperatorWhere) {\n    operators(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          nodeId\n          name\n          stake\n          shards\n          commissionRate\n          pendingCommissionRates {\n            rate\n            effectiveEpoch\n            status\n          }\n          apy {\n            apy\n            fromEpoch\n            toEpoch\n          }\n          score {\n            score\n          }\n          inCommittee\n          outlook {\n            shards\n            saturated\n            smallestStakeWithShards\n          }\n          delegatorCount\n        }\n      }\n    }\n  }\n':
    types.OperatorsDocument,
  '\n  query Operator($id: String!) {\n    operator(id: $id) {\n      nodeId\n      name\n      state\n      networkAddress\n      stake\n      selfStake\n      shards\n      commissionRate\n      activationEpoch\n      inCommittee\n      activeSetRank\n      delegatorCount\n      identity {\n        metadata {\n          description\n          projectUrl\n        }\n      }\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidByRequestInEpoch\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      apy {\n        apy\n        fromEpoch\n        toEpoch\n        epochsPerYear\n      }\n      score {\n        score\n        fromEpoch\n        toEpoch\n        components {\n          name\n          value\n          weight\n          inputs\n        }\n      }\n      outlook {\n        shards\n        rank\n        activeSetSize\n        saturated\n        shardCap\n        smallestStakeWithShards\n      }\n      history(last: 60) {\n        epoch\n        stake\n        shards\n        commissionRate\n      }\n      exchangeRates {\n        epoch\n        walAmount\n        shareAmount\n      }\n      handoffs(last: 10) {\n        epoch\n        membership\n        gained\n        lost\n        startedAt\n        attestedAt\n        attestedLate\n        syncSeconds\n        secondsPerGb\n        receiveBytes\n      }\n      availability {\n        uptime {\n          window\n          uptime\n          incidents\n        }\n        incidents(last: 10) {\n          id\n          epoch\n          startedAt\n          endedAt\n          durationSeconds\n          reasons\n          shardsAffected\n        }\n      }\n      rewardHistory(last: 20) {\n        epoch\n        shards\n        reward\n        commission\n        delegatorReward\n      }\n    }\n  }\n':
    types.OperatorDocument,
  '\n  query OperatorNames {\n    operators(first: 1000, orderBy: [{ field: name, direction: asc }]) {\n      edges {\n        node {\n          nodeId\n          name\n        }\n      }\n    }\n  }\n':
    types.OperatorNamesDocument,
  '\n  query Simulation($id: String!, $amount: BigInt!) {\n    simulateStake(nodeId: $id, amount: $amount) {\n      activationEpoch\n      yieldPerWalRatio\n      before {\n        shards\n        rank\n        activeSetSize\n        saturated\n      }\n      after {\n        shards\n        rank\n        activeSetSize\n        saturated\n        smallestStakeWithShards\n      }\n    }\n    operator(id: $id) {\n      nodeId\n      name\n      stake\n      commissionRate\n      inCommittee\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      rewardProjections {\n        epoch\n        delegatorReward\n        commissionRate\n      }\n    }\n    network {\n      epoch\n    }\n  }\n':
    types.SimulationDocument,
  '\n  query Delegator($address: String!) {\n    delegator(address: $address) {\n      address\n      epoch\n      totalPrincipal\n      totalRewards\n      positions {\n        objectId\n        nodeId\n        nodeName\n        principal\n        rewards\n        state\n        active\n        activationEpoch\n        withdrawEpoch\n        canWithdrawNow\n        canWithdrawEarly\n        withdrawal {\n          callNow\n          withdrawStakeFromEpoch\n          afterRequest\n          paysRewards\n        }\n      }\n    }\n  }\n':
    types.DelegatorDocument,
  '\n  query NextCommittee {\n    nextCommittee {\n      committee {\n        epoch\n        predicted\n        members {\n          nodeId\n          name\n        }\n      }\n      change {\n        movedShards\n        nodes {\n          nodeId\n          membership\n          gained\n          kept\n          lost\n        }\n      }\n    }\n    committee {\n      epoch\n      members {\n        nodeId\n        name\n      }\n    }\n  }\n':
    types.NextCommitteeDocument,
  '\n  fragment HandoffProgress on ShardMigration {\n    epoch\n    kind\n    status\n    movedShards\n    etaSeconds\n    progress {\n      planned\n      received\n      transferring\n      recovering\n      failed\n      fractionReceived\n    }\n    quorum {\n      attestedWeight\n      quorumWeight\n      totalWeight\n      reached\n      atRisk\n    }\n  }\n':
    types.HandoffProgressFragmentDoc,
  '\n  query Handoff {\n    shardMigration {\n      ...HandoffProgress\n    }\n  }\n': types.HandoffDocument,
  '\n  subscription HandoffProgressChanged {\n    shardMigrationProgress {\n      ...HandoffProgress\n    }\n  }\n':
    types.HandoffProgressChangedDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Meta {\n    _meta {\n      network\n      checkpoint\n      epoch\n      lagSeconds\n      replica {\n        behind\n        lagSeconds\n      }\n      pipelines {\n        name\n        error\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Meta {\n    _meta {\n      network\n      checkpoint\n      epoch\n      lagSeconds\n      replica {\n        behind\n        lagSeconds\n      }\n      pipelines {\n        name\n        error\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment NetworkState on Network {\n    network\n    epoch\n    state\n    nShards\n    syncQuorum\n    syncWeight\n    votingEndAt\n    epochChangeAt\n    doneAt\n    epochDurationMs\n  }\n',
): (typeof documents)['\n  fragment NetworkState on Network {\n    network\n    epoch\n    state\n    nShards\n    syncQuorum\n    syncWeight\n    votingEndAt\n    epochChangeAt\n    doneAt\n    epochDurationMs\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AvailabilityVerdict on Availability {\n    epoch\n    canRead\n    canWrite\n    shardsAvailable\n    shardsUnavailable\n    nShards\n    readThreshold\n    writeThreshold\n    writesFailAfterNodes\n    since\n    current\n  }\n',
): (typeof documents)['\n  fragment AvailabilityVerdict on Availability {\n    epoch\n    canRead\n    canWrite\n    shardsAvailable\n    shardsUnavailable\n    nShards\n    readThreshold\n    writeThreshold\n    writesFailAfterNodes\n    since\n    current\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Network {\n    network {\n      ...NetworkState\n    }\n  }\n',
): (typeof documents)['\n  query Network {\n    network {\n      ...NetworkState\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription EpochStateChanged {\n    epochStateChanged {\n      ...NetworkState\n    }\n  }\n',
): (typeof documents)['\n  subscription EpochStateChanged {\n    epochStateChanged {\n      ...NetworkState\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription SyncProgress {\n    syncProgress {\n      ...NetworkState\n    }\n  }\n',
): (typeof documents)['\n  subscription SyncProgress {\n    syncProgress {\n      ...NetworkState\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Availability {\n    availability {\n      ...AvailabilityVerdict\n    }\n  }\n',
): (typeof documents)['\n  query Availability {\n    availability {\n      ...AvailabilityVerdict\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription AvailabilityChanged {\n    availabilityChanged {\n      ...AvailabilityVerdict\n    }\n  }\n',
): (typeof documents)['\n  subscription AvailabilityChanged {\n    availabilityChanged {\n      ...AvailabilityVerdict\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Operators($first: Int, $after: String, $orderBy: [OperatorOrder!], $where: OperatorWhere) {\n    operators(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          nodeId\n          name\n          stake\n          shards\n          commissionRate\n          pendingCommissionRates {\n            rate\n            effectiveEpoch\n            status\n          }\n          apy {\n            apy\n            fromEpoch\n            toEpoch\n          }\n          score {\n            score\n          }\n          inCommittee\n          outlook {\n            shards\n            saturated\n            smallestStakeWithShards\n          }\n          delegatorCount\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Operators($first: Int, $after: String, $orderBy: [OperatorOrder!], $where: OperatorWhere) {\n    operators(first: $first, after: $after, orderBy: $orderBy, where: $where) {\n      totalCount\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n      edges {\n        node {\n          nodeId\n          name\n          stake\n          shards\n          commissionRate\n          pendingCommissionRates {\n            rate\n            effectiveEpoch\n            status\n          }\n          apy {\n            apy\n            fromEpoch\n            toEpoch\n          }\n          score {\n            score\n          }\n          inCommittee\n          outlook {\n            shards\n            saturated\n            smallestStakeWithShards\n          }\n          delegatorCount\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Operator($id: String!) {\n    operator(id: $id) {\n      nodeId\n      name\n      state\n      networkAddress\n      stake\n      selfStake\n      shards\n      commissionRate\n      activationEpoch\n      inCommittee\n      activeSetRank\n      delegatorCount\n      identity {\n        metadata {\n          description\n          projectUrl\n        }\n      }\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidByRequestInEpoch\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      apy {\n        apy\n        fromEpoch\n        toEpoch\n        epochsPerYear\n      }\n      score {\n        score\n        fromEpoch\n        toEpoch\n        components {\n          name\n          value\n          weight\n          inputs\n        }\n      }\n      outlook {\n        shards\n        rank\n        activeSetSize\n        saturated\n        shardCap\n        smallestStakeWithShards\n      }\n      history(last: 60) {\n        epoch\n        stake\n        shards\n        commissionRate\n      }\n      exchangeRates {\n        epoch\n        walAmount\n        shareAmount\n      }\n      handoffs(last: 10) {\n        epoch\n        membership\n        gained\n        lost\n        startedAt\n        attestedAt\n        attestedLate\n        syncSeconds\n        secondsPerGb\n        receiveBytes\n      }\n      availability {\n        uptime {\n          window\n          uptime\n          incidents\n        }\n        incidents(last: 10) {\n          id\n          epoch\n          startedAt\n          endedAt\n          durationSeconds\n          reasons\n          shardsAffected\n        }\n      }\n      rewardHistory(last: 20) {\n        epoch\n        shards\n        reward\n        commission\n        delegatorReward\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Operator($id: String!) {\n    operator(id: $id) {\n      nodeId\n      name\n      state\n      networkAddress\n      stake\n      selfStake\n      shards\n      commissionRate\n      activationEpoch\n      inCommittee\n      activeSetRank\n      delegatorCount\n      identity {\n        metadata {\n          description\n          projectUrl\n        }\n      }\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidByRequestInEpoch\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      apy {\n        apy\n        fromEpoch\n        toEpoch\n        epochsPerYear\n      }\n      score {\n        score\n        fromEpoch\n        toEpoch\n        components {\n          name\n          value\n          weight\n          inputs\n        }\n      }\n      outlook {\n        shards\n        rank\n        activeSetSize\n        saturated\n        shardCap\n        smallestStakeWithShards\n      }\n      history(last: 60) {\n        epoch\n        stake\n        shards\n        commissionRate\n      }\n      exchangeRates {\n        epoch\n        walAmount\n        shareAmount\n      }\n      handoffs(last: 10) {\n        epoch\n        membership\n        gained\n        lost\n        startedAt\n        attestedAt\n        attestedLate\n        syncSeconds\n        secondsPerGb\n        receiveBytes\n      }\n      availability {\n        uptime {\n          window\n          uptime\n          incidents\n        }\n        incidents(last: 10) {\n          id\n          epoch\n          startedAt\n          endedAt\n          durationSeconds\n          reasons\n          shardsAffected\n        }\n      }\n      rewardHistory(last: 20) {\n        epoch\n        shards\n        reward\n        commission\n        delegatorReward\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query OperatorNames {\n    operators(first: 1000, orderBy: [{ field: name, direction: asc }]) {\n      edges {\n        node {\n          nodeId\n          name\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query OperatorNames {\n    operators(first: 1000, orderBy: [{ field: name, direction: asc }]) {\n      edges {\n        node {\n          nodeId\n          name\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Simulation($id: String!, $amount: BigInt!) {\n    simulateStake(nodeId: $id, amount: $amount) {\n      activationEpoch\n      yieldPerWalRatio\n      before {\n        shards\n        rank\n        activeSetSize\n        saturated\n      }\n      after {\n        shards\n        rank\n        activeSetSize\n        saturated\n        smallestStakeWithShards\n      }\n    }\n    operator(id: $id) {\n      nodeId\n      name\n      stake\n      commissionRate\n      inCommittee\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      rewardProjections {\n        epoch\n        delegatorReward\n        commissionRate\n      }\n    }\n    network {\n      epoch\n    }\n  }\n',
): (typeof documents)['\n  query Simulation($id: String!, $amount: BigInt!) {\n    simulateStake(nodeId: $id, amount: $amount) {\n      activationEpoch\n      yieldPerWalRatio\n      before {\n        shards\n        rank\n        activeSetSize\n        saturated\n      }\n      after {\n        shards\n        rank\n        activeSetSize\n        saturated\n        smallestStakeWithShards\n      }\n    }\n    operator(id: $id) {\n      nodeId\n      name\n      stake\n      commissionRate\n      inCommittee\n      pendingCommissionRates {\n        rate\n        effectiveEpoch\n        status\n        avoidRequestBefore\n        tooLateToAvoid\n      }\n      rewardProjections {\n        epoch\n        delegatorReward\n        commissionRate\n      }\n    }\n    network {\n      epoch\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Delegator($address: String!) {\n    delegator(address: $address) {\n      address\n      epoch\n      totalPrincipal\n      totalRewards\n      positions {\n        objectId\n        nodeId\n        nodeName\n        principal\n        rewards\n        state\n        active\n        activationEpoch\n        withdrawEpoch\n        canWithdrawNow\n        canWithdrawEarly\n        withdrawal {\n          callNow\n          withdrawStakeFromEpoch\n          afterRequest\n          paysRewards\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Delegator($address: String!) {\n    delegator(address: $address) {\n      address\n      epoch\n      totalPrincipal\n      totalRewards\n      positions {\n        objectId\n        nodeId\n        nodeName\n        principal\n        rewards\n        state\n        active\n        activationEpoch\n        withdrawEpoch\n        canWithdrawNow\n        canWithdrawEarly\n        withdrawal {\n          callNow\n          withdrawStakeFromEpoch\n          afterRequest\n          paysRewards\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query NextCommittee {\n    nextCommittee {\n      committee {\n        epoch\n        predicted\n        members {\n          nodeId\n          name\n        }\n      }\n      change {\n        movedShards\n        nodes {\n          nodeId\n          membership\n          gained\n          kept\n          lost\n        }\n      }\n    }\n    committee {\n      epoch\n      members {\n        nodeId\n        name\n      }\n    }\n  }\n',
): (typeof documents)['\n  query NextCommittee {\n    nextCommittee {\n      committee {\n        epoch\n        predicted\n        members {\n          nodeId\n          name\n        }\n      }\n      change {\n        movedShards\n        nodes {\n          nodeId\n          membership\n          gained\n          kept\n          lost\n        }\n      }\n    }\n    committee {\n      epoch\n      members {\n        nodeId\n        name\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment HandoffProgress on ShardMigration {\n    epoch\n    kind\n    status\n    movedShards\n    etaSeconds\n    progress {\n      planned\n      received\n      transferring\n      recovering\n      failed\n      fractionReceived\n    }\n    quorum {\n      attestedWeight\n      quorumWeight\n      totalWeight\n      reached\n      atRisk\n    }\n  }\n',
): (typeof documents)['\n  fragment HandoffProgress on ShardMigration {\n    epoch\n    kind\n    status\n    movedShards\n    etaSeconds\n    progress {\n      planned\n      received\n      transferring\n      recovering\n      failed\n      fractionReceived\n    }\n    quorum {\n      attestedWeight\n      quorumWeight\n      totalWeight\n      reached\n      atRisk\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Handoff {\n    shardMigration {\n      ...HandoffProgress\n    }\n  }\n',
): (typeof documents)['\n  query Handoff {\n    shardMigration {\n      ...HandoffProgress\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  subscription HandoffProgressChanged {\n    shardMigrationProgress {\n      ...HandoffProgress\n    }\n  }\n',
): (typeof documents)['\n  subscription HandoffProgressChanged {\n    shardMigrationProgress {\n      ...HandoffProgress\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
