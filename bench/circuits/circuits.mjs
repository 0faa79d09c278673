// Blazor Server circuits per node, for bench/cluster.sh (CIRCUITS=N). Opens N signed-in interactive pages (one circuit
// each) in one headless Chromium, round-robin over the nodes, and holds them open. Reports per node: the circuits held,
// the node's resident memory (VmRSS) before and after → MB per circuit, and the round trip of one interaction on an open
// circuit (the dark-mode toggle in the app bar: click → event over the circuit → render → DOM patched), timed inside the
// page, one circuit at a time while all N stay open; p50/p95 over every circuit's interactions.
//
//   node circuits.mjs --nodes http://127.0.0.1:5001=PID1,http://127.0.0.1:5002=PID2 --cookie 'Name=value' \
//        [--circuits 60] [--path /directory] [--rounds 4] [--parallel 4]
// Prints one JSON object per node on standard output.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const nodes = args.nodes.split(',').map(entry => { const [url, pid] = entry.split('='); return { url, pid: Number(pid), pages: [] }; });
const circuits = Number(args.circuits ?? 60);
const path = args.path ?? '/directory';
const rounds = Number(args.rounds ?? 4);
const parallel = Number(args.parallel ?? 4);
const [cookieName, ...cookieValue] = args.cookie.split('=');

const rssMb = pid => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-background-timer-throttling', '--disable-renderer-backgrounding',
    '--disable-backgrounding-occluded-windows'],
});
try {
  // One context per node, each with the sign-in cookie (every node reads the shared keys, so node 1's cookie serves all).
  for (const node of nodes) {
    node.context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await node.context.addCookies([{ name: cookieName, value: cookieValue.join('='), url: node.url }]);
  }
  await sleep(3000);
  for (const node of nodes) node.rssBefore = rssMb(node.pid);

  // Open the circuits, a few at a time, each page to its node in turn; a circuit is up when the layout marks main.
  const started = Date.now();
  const queue = Array.from({ length: circuits }, (_, i) => nodes[i % nodes.length]);
  let failed = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    for (let node = queue.shift(); node; node = queue.shift()) {
      const page = await node.context.newPage();
      try {
        await page.goto(node.url + path, { timeout: 120_000 });
        if (page.url().includes('/account/login')) throw new Error('not signed in');
        await page.locator('main[data-interactive=true]').waitFor({ timeout: 120_000 });
        node.pages.push(page);
      } catch (error) {
        failed++;
        console.error(`circuit on ${node.url} failed: ${error.message}`);
        await page.close();
      }
    }
  }));
  const openSeconds = (Date.now() - started) / 1000;
  await sleep(5000); // let the nodes settle (render batches acknowledged, request garbage collectable)
  for (const node of nodes) node.rssAfter = rssMb(node.pid);

  // One interaction per circuit per round, circuits one after another (all N held open meanwhile).
  for (let round = 0; round < rounds; round++) {
    for (const node of nodes) {
      node.times ??= [];
      for (const page of node.pages) {
        node.times.push(await page.evaluate(() => new Promise((resolve, reject) => {
          const button = document.querySelector('button[aria-label^="Switch to"]');
          const before = button.getAttribute('aria-label');
          const start = performance.now();
          const observer = new MutationObserver(() => {
            const now = document.querySelector('button[aria-label^="Switch to"]');
            if (now && now.getAttribute('aria-label') !== before) {
              observer.disconnect();
              resolve(performance.now() - start);
            }
          });
          observer.observe(document.body, { subtree: true, attributes: true, childList: true });
          setTimeout(() => { observer.disconnect(); reject(new Error('no render within 30 s')); }, 30_000);
          button.click();
        })));
      }
    }
  }

  // Still held? Every page's circuit answered the last round; check none shows Blazor's reconnect dialog.
  for (const node of nodes) {
    let held = 0;
    for (const page of node.pages) {
      const lost = await page.evaluate(() => !!document.querySelector('#components-reconnect-modal.components-reconnect-show, #components-reconnect-modal[open]'));
      if (!lost) held++;
    }
    const times = node.times.sort((a, b) => a - b);
    console.log(JSON.stringify({
      node: node.url,
      circuits: held,
      failed,
      openSeconds: Math.round(openSeconds * 10) / 10,
      rssBeforeMb: Math.round(node.rssBefore),
      rssAfterMb: Math.round(node.rssAfter),
      mbPerCircuit: held ? Math.round((node.rssAfter - node.rssBefore) / held * 100) / 100 : null,
      interactions: times.length,
      p50Ms: Math.round(percentile(times, 50) * 10) / 10,
      p95Ms: Math.round(percentile(times, 95) * 10) / 10,
    }));
  }
} finally {
  await browser.close();
}
