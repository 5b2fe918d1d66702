import type { CanaryVerdict } from '@gateway-console/contract';

/** How each canary verdict reads as a badge, wherever a canary is listed. */
export const verdictBadges: Record<CanaryVerdict['verdict'], { label: string; className: string }> = {
  healthy: { label: 'Healthy', className: 'badge badge-ok' },
  failing: { label: 'Failing', className: 'badge badge-danger' },
  inconclusive: { label: 'Not enough traffic', className: 'badge badge-warn' },
};
