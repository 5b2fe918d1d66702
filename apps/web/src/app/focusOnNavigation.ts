import { useEffect, useRef } from 'react';
import { focusPageHeading } from '../shared/focus.ts';

/**
 * After the operator follows a link, focus goes to the new page's h1, so a screen reader says where they
 * are and Tab starts from the page, not from a link that no longer exists. Pages draw their heading when
 * their data arrives, so this waits for it (a few seconds at most); it never takes focus from a field
 * the operator moved to meanwhile.
 */
export function useFocusOnNavigation(location: string) {
  const first = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new location is what this reacts to
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    // Focus on the link just followed (gone, or hidden with the last page while the next one loads) or
    // in the header is the operator's click, not a field they moved to meanwhile.
    const idle = () => {
      const active = document.activeElement;
      return (
        !active ||
        active === document.body ||
        !active.checkVisibility() ||
        Boolean(active.closest('header, nav, .crumbs'))
      );
    };
    const visibleHeading = () =>
      Array.from(document.querySelectorAll<HTMLElement>('#content h1')).some((h) => h.checkVisibility());
    const focusHeading = () => (idle() ? focusPageHeading(true) : visibleHeading());
    if (focusHeading()) return;
    const observer = new MutationObserver(() => {
      if (focusHeading()) stop();
    });
    const timer = window.setTimeout(() => stop(), 5000);
    const stop = () => {
      observer.disconnect();
      window.clearTimeout(timer);
    };
    observer.observe(document.body, { childList: true, subtree: true });
    return stop;
  }, [location]);
}
