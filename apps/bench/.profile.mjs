import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { chromium } from 'playwright';

const dir = new URL('./dist', import.meta.url).pathname;
const server = createServer(async (q, r) => {
  const p = new URL(q.url, 'http://x').pathname;
  try {
    const b = await readFile(join(dir, p === '/' ? 'bench.html' : p));
    r.writeHead(200, {
      'content-type':
        extname(p) === '.js' ? 'text/javascript' : extname(p) === '.css' ? 'text/css' : 'text/html',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    r.end(b);
  } catch {
    r.writeHead(404).end();
  }
});
await new Promise((res) => server.listen(0, '127.0.0.1', res));
const url = `http://127.0.0.1:${server.address().port}/bench.html`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-frame-rate-limit',
    '--disable-gpu-vsync',
  ],
});
const page = await browser.newPage({ viewport: { width: 800, height: 700 } });
await page.goto(url);
await page.waitForFunction(() => document.documentElement.dataset.benchReady === 'true');
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const [name, opts] = JSON.parse(process.argv[2]);
const out = await page.evaluate(([n, o]) => window.readmarkBench[n](o), [name, opts]);
const { profile } = await cdp.send('Profiler.stop');
console.log(JSON.stringify(out));
// self time by function
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas;
const counts = new Map();
profile.samples.forEach((id, i) => counts.set(id, (counts.get(id) ?? 0) + (dt[i] ?? 0)));
for (const [id, t] of counts) {
  const n = byId.get(id);
  const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  self.set(k, (self.get(k) ?? 0) + t);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
for (const [k, t] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
  console.log((t / 1000).toFixed(1).padStart(8), 'ms', k);
console.log('total', (total / 1000).toFixed(0));
await browser.close();
server.close();
