import { useQuery } from '@tanstack/react-query';
import { verdictBadges } from '../../../shared/verdictBadges.ts';
import { stageVerdictsQuery } from '../api/verdict.ts';
import './canary.css';

/** A stage row's canary verdict, from the API page's one verdicts call. */
export function StageVerdictBadge({ apiId, stage }: { apiId: string; stage: string }) {
  const { data, error } = useQuery(stageVerdictsQuery(apiId));
  const found = data?.verdicts.find((v) => v.stage === stage)?.verdict;
  if (error) return <span className="muted small">Verdict unavailable</span>;
  if (!found) return <span className="muted small">Judging…</span>;
  const badge = verdictBadges[found.verdict];
  return (
    <span
      className={badge.className}
      title={`${found.reason} (${found.canaryRequests} canary and ${found.baseRequests} base requests)`}
    >
      Canary verdict: {badge.label}
    </span>
  );
}
