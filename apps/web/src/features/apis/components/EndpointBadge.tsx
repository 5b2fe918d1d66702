import type { EndpointType } from '@gateway-console/contract';

const labels: Record<EndpointType, string> = {
  EDGE: 'Edge-optimized',
  REGIONAL: 'Regional',
  PRIVATE: 'Private',
};

export function EndpointBadge({ type }: { type: EndpointType }) {
  return <span className={`badge badge-${type.toLowerCase()}`}>{labels[type]}</span>;
}
