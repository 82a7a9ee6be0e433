/* global URL, Buffer */
// An HTTPS pack server on 127.0.0.1 for update tests: a throwaway self-signed certificate made with
// openssl, ETag/Last-Modified with 304 answers, CORS headers like a static host configured for
// Tactline, and a log of every request (so tests can prove what the extension fetched).
import { createServer } from 'node:https';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

export function selfSignedCert() {
  const dir = mkdtempSync(join(tmpdir(), 'tactline-cert-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    ], { stdio: 'pipe' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Start the server. `publish(path, bytes, contentType?)` replaces what a path serves (a new ETag);
 * `requests` lists { method, path, ifNoneMatch, status }.
 */
export async function startPackServer() {
  const files = new Map();
  const requests = [];
  const server = createServer(selfSignedCert(), (req, res) => {
    const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
    const cors = {
      'access-control-allow-origin': '*',
      'access-control-allow-headers': 'if-none-match, if-modified-since',
      'access-control-expose-headers': 'etag, last-modified',
    };
    const log = (status) => requests.push({ method: req.method, path, ifNoneMatch: req.headers['if-none-match'], status });
    if (req.method === 'OPTIONS') {
      log(204);
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET', 'access-control-max-age': '0' });
      res.end();
      return;
    }
    const file = files.get(path);
    if (!file) {
      log(404);
      res.writeHead(404, { ...cors, 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    if (req.headers['if-none-match'] === file.etag) {
      log(304);
      res.writeHead(304, { ...cors, etag: file.etag, 'last-modified': file.lastModified });
      res.end();
      return;
    }
    log(200);
    res.writeHead(200, { ...cors, 'content-type': file.contentType, etag: file.etag, 'last-modified': file.lastModified, 'cache-control': 'no-cache' });
    res.end(file.bytes);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    requests,
    publish(path, bytes, contentType = 'application/json') {
      const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes);
      files.set(path, {
        bytes: buf,
        contentType,
        etag: `"${createHash('sha256').update(buf).digest('hex').slice(0, 16)}"`,
        lastModified: new Date().toUTCString(),
      });
    },
    unpublish(path) {
      files.delete(path);
    },
    close: () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(resolve); }),
  };
}
