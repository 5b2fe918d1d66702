import type { ReactNode } from 'react';

/**
 * The box a wide table scrolls sideways in on a narrow screen, instead of the page. It takes focus, so the
 * keyboard can scroll it too (arrow keys), and is named after its table for a screen reader.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    // A group, not a fieldset (no form) nor a region (a landmark per table would crowd the page's landmarks).
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box must be reachable by keyboard (WCAG 2.1.1)
    // biome-ignore lint/a11y/useSemanticElements: see above
    <div className="table-wrap" role="group" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
