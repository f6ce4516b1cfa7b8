import { CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import type { PriceChartData } from '../lib/priceChart';

Chart.register(CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

/** The price history drawn with Chart.js: best qualifying, best overall (each holding until the next observation), and the trip's limit as a dashed line. */
export function PriceChart({ data }: { data: PriceChartData }) {
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    if (!canvas.current) {
      return;
    }
    const chart = new Chart(canvas.current, {
      type: 'line',
      data: {
        labels: data.labels,
        datasets: [
          { label: 'Best qualifying price', data: data.bestQualifying, borderColor: '#1d4ed8', backgroundColor: '#1d4ed8', stepped: 'before' },
          { label: 'Best price overall', data: data.bestOverall, borderColor: '#6b7280', backgroundColor: '#6b7280', stepped: 'before' },
          { label: 'Your maximum price', data: data.limit, borderColor: '#b91c1c', backgroundColor: '#b91c1c', borderDash: [6, 4], pointRadius: 0 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { title: { display: true, text: data.currency } } },
      },
    });
    return () => chart.destroy();
  }, [data]);

  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label="Price history chart">
        The price history is in the table that follows.
      </canvas>
    </div>
  );
}
