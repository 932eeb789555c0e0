/** This instance's own verdict on an epoch, in the form a report carries it. */
export interface OwnReportView {
  epoch: number;
  committeeDigest: string;
  auditMatches: boolean;
  movedShards: number;
  attestedWeight: number;
  quorumMs: bigint | null;
  lateAttesters: string[];
  prematureAttesters: string[];
  rewardsDigest: string;
}

/** One reporter's published report, and how it compares with this instance's own computation. */
export interface EpochReportView extends OwnReportView {
  reporterId: string;
  reporterName: string | null;
  reporterAddress: string;
  publishedAt: Date;
  txDigest: string;
  checkpoint: bigint;
  /** Null while this instance cannot compute its own verdict for the epoch. */
  agrees: boolean | null;
  /** The fields that differ from this instance's computation (`committeeDigest`, `quorumMs`, …). */
  differences: string[];
  /** Published by this instance's own reporter key. */
  own: boolean;
}

export interface EpochReportsView {
  epoch: number;
  own: OwnReportView | null;
  reports: EpochReportView[];
  agreeing: number;
  disagreeing: number;
}
