import DataLoader from 'dataloader';
import type { PerformanceService } from 'src/performance/performance.service';
import type {
  ApyWindowView,
  NodeIdentityView,
  OperatorEpochView,
  PerformanceScoreView,
  StakeOutlookView,
} from 'src/staking/operator.views';
import type { OperatorHistoryService } from 'src/staking/operator-history.service';
import type { ComputedValuesSink } from 'src/staking/operators.service';
import type { StakeSimulationService } from 'src/staking/stake-simulation.service';
import type { AvailabilityService } from 'src/availability/availability.service';
import type { UptimeView } from 'src/availability/availability.views';

/** Per-request batching of the fields a list asks for on every operator. */
export interface OperatorLoaders {
  readonly apy: DataLoader<string, ApyWindowView[]>;
  /** Every epoch of the operator's history, newest first (a field takes the `last` it asks for). */
  readonly history: DataLoader<string, OperatorEpochView[]>;
  readonly score: DataLoader<string, PerformanceScoreView>;
  readonly outlook: DataLoader<string, StakeOutlookView | undefined>;
  readonly selfStake: DataLoader<string, bigint>;
  readonly identity: DataLoader<string, NodeIdentityView | undefined>;
  readonly uptime: DataLoader<string, UptimeView[]>;
}

/** Fresh loaders for one request: N operators cost one query per field, not N. */
export function createOperatorLoaders(services: {
  readonly history: OperatorHistoryService;
  readonly simulation: StakeSimulationService;
  readonly performance: PerformanceService;
  readonly availability: AvailabilityService;
}): OperatorLoaders {
  const { history, simulation, performance, availability } = services;
  return {
    apy: new DataLoader((nodeIds: readonly string[]) => history.apys(nodeIds)),
    history: new DataLoader((nodeIds: readonly string[]) => history.epochs(nodeIds)),
    outlook: new DataLoader((nodeIds: readonly string[]) => simulation.outlooks(nodeIds)),
    score: new DataLoader((nodeIds: readonly string[]) => performance.scores(nodeIds)),
    selfStake: new DataLoader((nodeIds: readonly string[]) => history.selfStakes(nodeIds)),
    identity: new DataLoader((nodeIds: readonly string[]) => history.identities(nodeIds)),
    uptime: new DataLoader(async (nodeIds: readonly string[]) => {
      const uptimes = await availability.uptimes(nodeIds);
      return nodeIds.map((nodeId) => uptimes.get(nodeId) ?? []);
    }),
  };
}

/** Where a computed ordering hands its values: straight into the request's loaders. */
export function primingSink(loaders: OperatorLoaders | undefined): ComputedValuesSink | undefined {
  if (loaders === undefined) {
    return undefined;
  }
  return {
    apy: (nodeId, windows) => loaders.apy.prime(nodeId, windows),
    score: (nodeId, score) => loaders.score.prime(nodeId, score),
  };
}
