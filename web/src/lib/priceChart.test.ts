import { describe, expect, it } from 'vitest';
import { priceChartData } from './priceChart';

describe('priceChartData', () => {
  it('sorts oldest first, keeps missing prices as gaps and draws the limit at every point', () => {
    const data = priceChartData(
      [
        { observedAt: '2026-12-02T10:00:00Z', bestQualifying: 410, bestOverall: 380, currency: 'GBP', offerCount: 5 },
        { observedAt: '2026-12-01T10:00:00Z', bestQualifying: null, bestOverall: 520, currency: 'GBP', offerCount: 3 },
      ],
      { amount: 500, currency: 'GBP' },
      (observedAt) => observedAt.slice(0, 10),
    );
    expect(data).toEqual({
      labels: ['2026-12-01', '2026-12-02'],
      bestQualifying: [null, 410],
      bestOverall: [520, 380],
      limit: [500, 500],
      currency: 'GBP',
    });
  });

  it('is empty for no observations', () => {
    expect(priceChartData([], { amount: 300, currency: 'EUR' }, String)).toEqual({
      labels: [],
      bestQualifying: [],
      bestOverall: [],
      limit: [],
      currency: 'EUR',
    });
  });
});
