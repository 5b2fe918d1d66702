/**
 * Puts focus on the page's visible h1 (the stage's name after a promote): where the operator continues
 * when the button they pressed is gone. Returns whether there was one. Waits a frame so a closing dialog
 * does not hand focus back to a removed button afterwards.
 */
export function focusPageHeading(now = false): boolean {
  const focus = () => {
    const heading = Array.from(document.querySelectorAll<HTMLElement>('#content h1')).find((h) =>
      h.checkVisibility(),
    );
    if (!heading) return false;
    heading.tabIndex = -1;
    heading.focus();
    return true;
  };
  if (now) return focus();
  window.requestAnimationFrame(() => window.setTimeout(focus, 0));
  return true;
}
