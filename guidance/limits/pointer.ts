/** RFC 6901 JSON pointers: every decision cites the pack rules it used as pointers into the pack. */

export function pointer(...segments: Array<string | number>): string {
  if (segments.length === 0) return '';
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** The value a pointer designates inside `root`, or undefined when it does not resolve. */
export function resolvePointer(root: unknown, ptr: string): unknown {
  if (ptr === '') return root;
  if (!ptr.startsWith('/')) return undefined;
  let node: unknown = root;
  for (const raw of ptr.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key)) return undefined;
      const i = Number(key);
      if (i >= node.length) return undefined;
      node = node[i];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
      node = (node as Record<string, unknown>)[key];
    } else {
      return undefined;
    }
  }
  return node;
}
