/**
 * Clickjacking guard (security.md T8). The sidebar's host element lives in the page's DOM, so the page
 * can make it transparent or hide it under a decoy and trick the agent into clicking "Insert". Before an
 * action we check that the sidebar is really visible: no ancestor is transparent, hidden or filtered,
 * and the last pointer press inside it landed on it (nothing was laid over it).
 */
export function sidebarIsGenuinelyVisible(host: Element, lastPress?: { x: number; y: number }): boolean {
  const doc = host.ownerDocument;
  const view = doc.defaultView;
  if (!view || !host.isConnected) return false;
  for (let el: Element | null = host; el; el = el.parentElement) {
    const cs = view.getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility !== 'visible' && el === host) return false;
    if (Number.parseFloat(cs.opacity) < 0.95) return false;
    if (cs.filter && cs.filter !== 'none') return false;
    if (cs.clipPath && cs.clipPath !== 'none' && el !== host) return false;
  }
  const r = host.getBoundingClientRect();
  if (r.width < 40 || r.height < 40 || r.right <= 0 || r.bottom <= 0 || r.left >= view.innerWidth || r.top >= view.innerHeight) return false;
  if (lastPress) {
    const top = doc.elementFromPoint(lastPress.x, lastPress.y);
    if (top !== host) return false;
  }
  return true;
}
