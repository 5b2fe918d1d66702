// Baseline shell: React 19 rendering one element, with the chart loaded lazily like the console's dashboard.
import { lazy, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { ChartSeries } from './Charts.tsx';

const Charts = lazy(() => import('./Charts.tsx'));

function App() {
  const [series, setSeries] = useState<ChartSeries[] | null>(null);
  useEffect(() => {
    // The bench serves the same metrics JSON to this page as to the console's dashboard.
    (window as unknown as { loadSeries: (url: string) => void }).loadSeries = (url: string) =>
      void fetch(url)
        .then((response) => response.json())
        .then((body: { series: ChartSeries[] }) => setSeries(body.series));
  }, []);
  return (
    <main>
      <h1>Baseline</h1>
      {series && (
        <Suspense fallback={null}>
          <Charts series={series} />
        </Suspense>
      )}
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
