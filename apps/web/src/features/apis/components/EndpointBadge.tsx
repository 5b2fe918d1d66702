import type { EndpointType } from '@gateway-console/contract';

export const endpointLabels: Record<EndpointType, string> = {
  EDGE: 'Edge-optimized',
  REGIONAL: 'Regional',
  PRIVATE: 'Private',
};

/** What each endpoint type means for the API's callers, in one sentence. */
export const endpointExplanations: Record<EndpointType, string> = {
  EDGE: 'Edge-optimized: callers reach it through the CloudFront edge network, which suits clients spread around the world.',
  REGIONAL:
    'Regional: served from this region only, best for callers in the same region or behind your own CDN.',
  PRIVATE:
    'Private: reachable only from inside your VPCs through an interface VPC endpoint, never from the internet.',
};

export function EndpointBadge({ type }: { type: EndpointType }) {
  return <span className={`badge badge-${type.toLowerCase()}`}>{endpointLabels[type]}</span>;
}
