// Every request the page sends. `npm run web:types` types them against schema.gql (src/gql/).
import { graphql } from './gql';

export const MetaQuery = graphql(`
  query Meta {
    _meta {
      network
      checkpoint
      epoch
      lagSeconds
      replica {
        behind
        lagSeconds
      }
      pipelines {
        name
        error
      }
    }
  }
`);

graphql(`
  fragment NetworkState on Network {
    network
    epoch
    state
    nShards
    syncQuorum
    syncWeight
    votingEndAt
    epochChangeAt
    doneAt
    epochDurationMs
  }
`);

graphql(`
  fragment AvailabilityVerdict on Availability {
    epoch
    canRead
    canWrite
    shardsAvailable
    shardsUnavailable
    nShards
    readThreshold
    writeThreshold
    writesFailAfterNodes
    since
    current
  }
`);

export const NetworkQuery = graphql(`
  query Network {
    network {
      ...NetworkState
    }
  }
`);

export const EpochStateSubscription = graphql(`
  subscription EpochStateChanged {
    epochStateChanged {
      ...NetworkState
    }
  }
`);

export const SyncProgressSubscription = graphql(`
  subscription SyncProgress {
    syncProgress {
      ...NetworkState
    }
  }
`);

export const AvailabilityQuery = graphql(`
  query Availability {
    availability {
      ...AvailabilityVerdict
    }
  }
`);

export const AvailabilitySubscription = graphql(`
  subscription AvailabilityChanged {
    availabilityChanged {
      ...AvailabilityVerdict
    }
  }
`);

export const OperatorsQuery = graphql(`
  query Operators($first: Int, $after: String, $orderBy: [OperatorOrder!], $where: OperatorWhere) {
    operators(first: $first, after: $after, orderBy: $orderBy, where: $where) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          nodeId
          name
          stake
          shards
          commissionRate
          pendingCommissionRates {
            rate
            effectiveEpoch
            status
          }
          apy {
            apy
            fromEpoch
            toEpoch
          }
          score {
            score
          }
          inCommittee
          outlook {
            shards
            saturated
            smallestStakeWithShards
          }
          delegatorCount
        }
      }
    }
  }
`);

export const OperatorQuery = graphql(`
  query Operator($id: String!) {
    operator(id: $id) {
      nodeId
      name
      state
      networkAddress
      stake
      selfStake
      shards
      commissionRate
      activationEpoch
      inCommittee
      activeSetRank
      delegatorCount
      identity {
        metadata {
          description
          projectUrl
        }
      }
      pendingCommissionRates {
        rate
        effectiveEpoch
        status
        avoidByRequestInEpoch
        avoidRequestBefore
        tooLateToAvoid
      }
      apy {
        apy
        fromEpoch
        toEpoch
        epochsPerYear
      }
      score {
        score
        fromEpoch
        toEpoch
        components {
          name
          value
          weight
          inputs
        }
      }
      outlook {
        shards
        rank
        activeSetSize
        saturated
        shardCap
        smallestStakeWithShards
      }
      history(last: 60) {
        epoch
        stake
        shards
        commissionRate
      }
      exchangeRates {
        epoch
        walAmount
        shareAmount
      }
      handoffs(last: 10) {
        epoch
        membership
        gained
        lost
        startedAt
        attestedAt
        attestedLate
        syncSeconds
        secondsPerGb
        receiveBytes
      }
      availability {
        uptime {
          window
          uptime
          incidents
        }
        incidents(last: 10) {
          id
          epoch
          startedAt
          endedAt
          durationSeconds
          reasons
          shardsAffected
        }
      }
      rewardHistory(last: 20) {
        epoch
        shards
        reward
        commission
        delegatorReward
      }
    }
  }
`);

export const OperatorNamesQuery = graphql(`
  query OperatorNames {
    operators(first: 1000, orderBy: [{ field: name, direction: asc }]) {
      edges {
        node {
          nodeId
          name
        }
      }
    }
  }
`);

export const SimulationQuery = graphql(`
  query Simulation($id: String!, $amount: BigInt!) {
    simulateStake(nodeId: $id, amount: $amount) {
      activationEpoch
      yieldPerWalRatio
      before {
        shards
        rank
        activeSetSize
        saturated
      }
      after {
        shards
        rank
        activeSetSize
        saturated
        smallestStakeWithShards
      }
    }
    operator(id: $id) {
      nodeId
      name
      stake
      commissionRate
      inCommittee
      pendingCommissionRates {
        rate
        effectiveEpoch
        status
        avoidRequestBefore
        tooLateToAvoid
      }
      rewardProjections {
        epoch
        delegatorReward
        commissionRate
      }
    }
    network {
      epoch
    }
  }
`);

export const DelegatorQuery = graphql(`
  query Delegator($address: String!) {
    delegator(address: $address) {
      address
      epoch
      totalPrincipal
      totalRewards
      positions {
        objectId
        nodeId
        nodeName
        principal
        rewards
        state
        active
        activationEpoch
        withdrawEpoch
        canWithdrawNow
        canWithdrawEarly
        withdrawal {
          callNow
          withdrawStakeFromEpoch
          afterRequest
          paysRewards
        }
      }
    }
  }
`);

export const NextCommitteeQuery = graphql(`
  query NextCommittee {
    nextCommittee {
      committee {
        epoch
        predicted
        members {
          nodeId
          name
        }
      }
      change {
        movedShards
        nodes {
          nodeId
          membership
          gained
          kept
          lost
        }
      }
    }
    committee {
      epoch
      members {
        nodeId
        name
      }
    }
  }
`);

graphql(`
  fragment HandoffProgress on ShardMigration {
    epoch
    kind
    status
    movedShards
    etaSeconds
    progress {
      planned
      received
      transferring
      recovering
      failed
      fractionReceived
    }
    quorum {
      attestedWeight
      quorumWeight
      totalWeight
      reached
      atRisk
    }
  }
`);

export const HandoffQuery = graphql(`
  query Handoff {
    shardMigration {
      ...HandoffProgress
    }
  }
`);

export const HandoffSubscription = graphql(`
  subscription HandoffProgressChanged {
    shardMigrationProgress {
      ...HandoffProgress
    }
  }
`);
