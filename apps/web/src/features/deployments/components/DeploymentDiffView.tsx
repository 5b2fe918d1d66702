import type { DeploymentDiff, FieldChange, MethodRef } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import { Fragment } from 'react';
import { ErrorAlert } from '../../../shared/ErrorAlert.tsx';
import { Skeleton } from '../../../shared/Skeleton.tsx';
import { deploymentDiffQuery } from '../api/releases.ts';

const fieldNames: Record<string, string> = {
  authorizationType: 'Authorization',
  authorizer: 'Authorizer',
  apiKeyRequired: 'API key required',
  integrationType: 'Integration type',
  uri: 'URI',
  timeoutInMillis: 'Timeout (ms)',
  requestParameters: 'Request parameters',
  requestTemplates: 'Request templates',
};

const methodLabel = (m: MethodRef) => `${m.method} ${m.path}`;

function Change({ change }: { change: FieldChange }) {
  return (
    <li>
      {fieldNames[change.name] ?? change.name}: <del>{change.from ?? 'none'}</del> →{' '}
      <ins>{change.to ?? 'none'}</ins>
    </li>
  );
}

/** How many things a diff changes. */
export const changeCount = (diff: DeploymentDiff) =>
  diff.added.length + diff.removed.length + diff.changed.length + diff.variables.length;

/** A diff as lists an operator reads: methods added, removed, changed field by field, variables. */
export function DiffLists({ diff }: { diff: DeploymentDiff }) {
  if (changeCount(diff) === 0) return <p>No differences in methods or stage variables.</p>;
  return (
    <div className="diff">
      {(['added', 'removed'] as const).map(
        (kind) =>
          diff[kind].length > 0 && (
            <Fragment key={kind}>
              <h3>Methods {kind}</h3>
              <ul aria-label={`Methods ${kind}`}>
                {diff[kind].map((m) => (
                  <li key={methodLabel(m)} className="mono">
                    {methodLabel(m)}
                  </li>
                ))}
              </ul>
            </Fragment>
          ),
      )}
      {diff.changed.length > 0 && (
        <>
          <h3>Methods changed</h3>
          <ul aria-label="Methods changed">
            {diff.changed.map((m) => (
              <li key={methodLabel(m)}>
                <span className="mono">{methodLabel(m)}</span>
                <ul>
                  {m.fields.map((f) => (
                    <Change key={f.name} change={f} />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.variables.length > 0 && (
        <>
          <h3>Stage variables</h3>
          <ul aria-label="Stage variables changed">
            {diff.variables.map((v) => (
              <Change key={v.name} change={v} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** The difference between two deployments, read from the console (cached: deployments never change). */
export function DeploymentDiffView({
  apiId,
  from,
  to,
  stage,
}: {
  apiId: string;
  from: string;
  to: string;
  stage?: string;
}) {
  const diff = useQuery(deploymentDiffQuery(apiId, from, to, stage));
  return (
    <section aria-label="What changes" className="stack">
      {diff.isPending && <Skeleton lines={3} label="Comparing the deployments" />}
      {diff.error && <ErrorAlert error={diff.error} />}
      {diff.data && <DiffLists diff={diff.data} />}
      {diff.data && diff.data.compared.length < 8 && (
        <p className="muted">
          Compared: {diff.data.compared.map((n) => fieldNames[n] ?? n).join(', ')}. AWS shows a deployment’s
          integrations only while a stage runs it.
        </p>
      )}
    </section>
  );
}
