import { useWindowVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';

/** Rows drawn beyond the visible ones, above and below. */
const OVERSCAN_ROWS = 8;

/**
 * A long table body drawn a window at a time (TanStack Virtual over the page's own scroll): only the rows
 * on screen and a few around them are in the DOM, with spacer rows keeping the scrollbar true.
 */
export function useVirtualRows(count: number, rowKey: (index: number) => string, estimatePx: number) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const top = bodyRef.current?.getBoundingClientRect().top;
    if (top === undefined) return;
    const margin = Math.round(top + window.scrollY);
    if (margin !== scrollMargin) setScrollMargin(margin);
  });
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => estimatePx,
    overscan: OVERSCAN_ROWS,
    scrollMargin,
    getItemKey: rowKey,
  });
  const items: VirtualItem[] = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items.at(-1);
  return {
    bodyRef,
    items,
    /** Give each drawn row `data-index={item.index}` and this ref, so its real height is measured. */
    measureElement: virtualizer.measureElement,
    before: first ? first.start - scrollMargin : 0,
    after: last ? virtualizer.getTotalSize() - (last.end - scrollMargin) : 0,
  };
}

/** The space of the rows not drawn, above or below those that are. */
export function SpacerRow({ height, columns }: { height: number; columns: number }) {
  if (height <= 0) return null;
  return (
    <tr className="virtual-spacer">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  );
}
