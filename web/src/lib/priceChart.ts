import type { Money, PriceObservation } from '../api/types';

export interface PriceChartData {
  /** One label per observation, oldest first. */
  labels: string[];
  bestQualifying: (number | null)[];
  bestOverall: (number | null)[];
  /** The trip's maximum price at every point: drawn as a flat line. */
  limit: number[];
  currency: string;
}

/**
 * The price history as chart series: observations sorted oldest first (each one stands until the next, so the
 * chart steps), the best qualifying and best overall price of each (null where a check found none), and the limit.
 */
export function priceChartData(
  observations: readonly PriceObservation[],
  maxPrice: Money,
  label: (observedAt: string) => string,
): PriceChartData {
  const sorted = observations
    .filter((observation) => observation.observedAt)
    .slice()
    .sort((a, b) => Date.parse(a.observedAt ?? '') - Date.parse(b.observedAt ?? ''));
  return {
    labels: sorted.map((observation) => label(observation.observedAt ?? '')),
    bestQualifying: sorted.map((observation) => observation.bestQualifying ?? null),
    bestOverall: sorted.map((observation) => observation.bestOverall ?? null),
    limit: sorted.map(() => maxPrice.amount),
    currency: maxPrice.currency,
  };
}
