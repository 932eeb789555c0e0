/** A question asked as things stood at the end of a past epoch. */
export interface AsOf {
  readonly epoch: number;
}
