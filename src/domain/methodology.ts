/**
 * The formulas Tusk publishes, each with its version. A change to how one is computed raises its
 * version here and in docs/methodology.md (a test holds the two together), and the API's
 * `methodology` query says which version produced the numbers a client reads.
 */
export interface Formula {
  /** Stable identifier, and the anchor of its section in docs/methodology.md. */
  readonly id: string;
  readonly title: string;
  readonly version: number;
  /** Where the computation lives. */
  readonly source: string;
}

export const METHODOLOGY: readonly Formula[] = [
  {
    id: 'rewards',
    title: 'Rewards per epoch and projections',
    version: 1,
    source: 'src/domain/staking/epoch-rewards.ts',
  },
  { id: 'subsidies', title: 'Subsidies', version: 1, source: 'src/domain/staking/subsidies.ts' },
  { id: 'apy', title: 'APY', version: 1, source: 'src/domain/staking/apy.ts' },
  {
    id: 'score',
    title: 'Performance score',
    version: 1,
    source: 'src/domain/performance/performance-score.ts',
  },
  {
    id: 'availability',
    title: 'Availability',
    version: 1,
    source: 'src/domain/availability/availability.ts',
  },
  { id: 'incidents', title: 'Incidents', version: 1, source: 'src/availability/availability.service.ts' },
];
