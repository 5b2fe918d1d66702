// Baseline shell: React 19 rendering one element, with the charts loaded lazily like the console's dashboard.
import type { MetricsResponse } from '@gateway-console/contract';
import { lazy, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

const Charts = lazy(() => import('./Charts.tsx'));

function App() {
  const [response, setResponse] = useState<MetricsResponse | null>(null);
  useEffect(() => {
    // The bench serves this page the same metrics JSON it serves the console's dashboard.
    (window as unknown as { loadMetrics: (url: string) => void }).loadMetrics = (url: string) =>
      void fetch(url)
        .then((answer) => answer.json())
        .then((body: MetricsResponse) => setResponse(body));
  }, []);
  return (
    <section className="dashboard">
      <h1>Baseline</h1>
      <Suspense fallback={null}>
        <Charts response={response} />
      </Suspense>
    </section>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
