import type { Environment } from '@gateway-console/contract';
import { useQuery } from '@tanstack/react-query';
import type { CSSProperties } from 'react';
import { sessionQuery } from '../../session/index.ts';
import { environmentQuery, whereText } from '../api/keys.ts';

// Without a configured colour: AWS itself is red (it is someone's production), another endpoint amber,
// the demo grey. The colour also draws the band along the top of every page.
const defaultColours: Record<Environment['kind'], string> = {
  aws: '#b42318',
  endpoint: '#b45309',
  demo: '#5f6873',
};

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
function textOn(hex: string): string {
  const channel = (i: number) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

const kindLabels: Record<Environment['kind'], string> = {
  aws: 'AWS',
  endpoint: 'Custom endpoint',
  demo: 'Embedded demo',
};

/** The header's "where am I": the environment's name in its colour, the account, region and endpoint. */
export function EnvironmentBadge() {
  const session = useQuery(sessionQuery());
  const { data } = useQuery({ ...environmentQuery(), enabled: Boolean(session.data) });
  if (!data) return null;
  const colour = data.colour ?? defaultColours[data.kind];
  const style = { '--env-colour': colour, '--env-text': textOn(colour) } as CSSProperties;
  return (
    <section aria-label="Environment" className={`environment env-${data.kind}`} style={style}>
      <span className="environment-band" aria-hidden="true" />
      <strong className="environment-name">
        <bdi>{data.name}</bdi>
      </strong>
      <span className="environment-where">
        {kindLabels[data.kind]} · {whereText(data)}
        {data.endpoint && (
          <>
            {' '}
            · <span className="mono">{data.endpoint}</span>
          </>
        )}
      </span>
    </section>
  );
}
