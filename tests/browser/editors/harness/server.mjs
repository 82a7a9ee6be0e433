/* global URL */
// A tiny static server on 127.0.0.1 (random port) for the built pages and the few editor assets that load
// at runtime from their own npm package folders (skins, plugins, CSS).
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};
const SERVED_PACKAGES = new Set(['ckeditor4', 'ckeditor5', 'tinymce', 'froala-editor', 'summernote', 'jquery', 'quill', 'draft-js']);

export async function startServer({ outDir, root }) {
  const nodeModules = path.join(root, 'node_modules');
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const rel = decodeURIComponent(url.pathname);
      if (rel === '/favicon.ico') {
        res.writeHead(204);
        res.end();
        return;
      }
      let file;
      if (rel.startsWith('/node_modules/')) {
        const pkg = rel.split('/')[2];
        if (!SERVED_PACKAGES.has(pkg)) throw new Error('not served');
        file = path.join(nodeModules, rel.slice('/node_modules/'.length));
        if (!file.startsWith(nodeModules + path.sep)) throw new Error('outside');
      } else {
        file = path.join(outDir, rel === '/' ? 'index.html' : rel);
        if (!file.startsWith(outDir + path.sep)) throw new Error('outside');
      }
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(r)) };
}
