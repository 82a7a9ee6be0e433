// Reads and drives the sidebar inside its CLOSED shadow root through the DevTools protocol (page
// scripts and Playwright locators cannot see into closed roots, which is the point).

function findHost(node, name) {
  if (node.nodeName === name) return node;
  for (const child of node.children ?? []) {
    const found = findHost(child, name);
    if (found) return found;
  }
  for (const sr of node.shadowRoots ?? []) {
    const found = findHost(sr, name);
    if (found) return found;
  }
  if (node.contentDocument) return findHost(node.contentDocument, name);
  return null;
}

/** The draft overlay (underlines, popover, palette): same helpers as `sidebar`, on its own closed root. */
export function overlay(page) {
  return sidebar(page, 'TACTLINE-OVERLAY');
}

export async function sidebar(page, hostName = 'TACTLINE-SIDEBAR') {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('DOM.enable');

  let cached = null;

  async function rootId() {
    if (cached) {
      // Cheap validity check: the cached shadow root is still known to the DOM agent and attached.
      try {
        const ok = await call(cached.shadowRootId, 'function(){ return this.host ? this.host.isConnected : false }');
        if (ok) return cached;
      } catch {
        /* node id went stale */
      }
      cached = null;
    }
    cached = await lookup();
    return cached;
  }

  async function lookup() {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = findHost(root, hostName);
    if (!host) return null;
    const sr = host.shadowRoots?.[0];
    return sr ? { shadowRootId: sr.nodeId, shadowRootType: sr.shadowRootType, hostId: host.nodeId } : null;
  }

  async function call(nodeId, fn, args = []) {
    const { object } = await cdp.send('DOM.resolveNode', { nodeId });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: fn,
      arguments: args.map((value) => ({ value })),
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value;
  }

  async function queryAll(selector) {
    const r = await rootId();
    if (!r) return [];
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: r.shadowRootId, selector });
    return nodeIds;
  }

  return {
    cdp,
    /** { shadowRootType } of the mounted sidebar, or null. */
    async info() {
      return rootId();
    },
    async exists(selector = '.tl-panel') {
      return (await queryAll(selector)).length > 0;
    },
    async text(selector = '.tl-panel') {
      const ids = await queryAll(selector);
      const parts = [];
      for (const id of ids) parts.push(await call(id, 'function(){ return this.textContent }'));
      return parts.join('\n');
    },
    async attr(selector, name) {
      const ids = await queryAll(selector);
      const out = [];
      for (const id of ids) out.push(await call(id, 'function(n){ return this.getAttribute(n) }', [name]));
      return out;
    },
    /** Run fn with `this` bound to the (closed) shadow root; returns its JSON-able result. */
    async inRoot(fn, ...args) {
      const r = await rootId();
      if (!r) throw new Error('sidebar is not mounted');
      return call(r.shadowRootId, fn, args);
    },
    async count(selector) {
      return (await queryAll(selector)).length;
    },
    /** A real mouse click at the element's centre (focus moves like a user's click). */
    async click(selector, index = 0) {
      const ids = await queryAll(selector);
      const id = ids[index];
      if (id === undefined) throw new Error(`sidebar: nothing matches ${selector} [${index}]`);
      const box = await call(id, 'function(){ this.scrollIntoView({block:"center"}); const r = this.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 } }');
      await page.mouse.click(box.x, box.y);
    },
    async rect(selector = '.tl-panel') {
      const ids = await queryAll(selector);
      if (!ids.length) return null;
      return call(ids[0], 'function(){ const r = this.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height } }');
    },
    /** Poll until fn() is truthy. */
    async waitFor(fn, { timeout = 10_000, interval = 100, message = 'condition' } = {}) {
      const start = Date.now();
      let last;
      while (Date.now() - start < timeout) {
        try {
          last = await fn();
          if (last) return last;
        } catch (e) {
          last = e;
        }
        await new Promise((r) => setTimeout(r, interval));
      }
      throw new Error(`Timed out after ${timeout} ms waiting for ${message} (last: ${last instanceof Error ? last.message : JSON.stringify(last)})`);
    },
  };
}
