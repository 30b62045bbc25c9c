// The support loop end to end, in real Chromium: the sample app's user (chat-cli, over the
// SDK) asks for a person and the agent answers from the console; then the app opens a ticket; the agent, signed in to the console that parley-server serves, sees it
// appear, replies and solves it; the app receives both in real time and rates the help; the
// console shows the rating. A screenshot of the console is saved as a test artifact.
//
//   node console_test.mjs --server BIN --chat-cli BIN --faq DIR --ticket-schema FILE
//                         --artifacts DIR [--chromium /usr/bin/chromium]
//
// Exits 0 when every step happened, 1 with the reason otherwise. Every wait has a deadline.
import {spawn, execFileSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {parseArgs} from 'node:util';

const STEP_MS = 20000;
const SECRET = 'browser-test-secret';

const {values: opt} = parseArgs({options: {
  'server': {type: 'string'}, 'chat-cli': {type: 'string'}, 'faq': {type: 'string'},
  'ticket-schema': {type: 'string'}, 'artifacts': {type: 'string'},
  'chromium': {type: 'string', default: '/usr/bin/chromium'},
}});
for (const required of ['server', 'chat-cli', 'faq', 'ticket-schema', 'artifacts']) {
  if (!opt[required]) fail(`--${required} is required`);
}
if (!existsSync(opt.chromium)) fail(`no Chromium at ${opt.chromium} (apt-get install chromium; scripts/bootstrap.sh does)`);
let chromium;
try {
  ({chromium} = await import('playwright-core'));
} catch {
  fail('playwright-core is not installed: run npm ci in tests/browser (scripts/test.sh does)');
}

function fail(message) {
  console.error(`FAIL: ${message}`);
  process.exit(1);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const {port} = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// A child process whose stdout is kept, with a wait for text to appear in it.
class Child {
  constructor(name, command, args) {
    this.name = name;
    this.output = '';
    this.process = spawn(command, args, {stdio: ['pipe', 'pipe', 'pipe']});
    this.process.stdout.on('data', (chunk) => { this.output += chunk; });
    this.process.stderr.on('data', (chunk) => { this.output += chunk; });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
  }
  // Waits until `text` has appeared `times` times in what the child printed.
  async waitFor(text, what, times = 1) {
    const deadline = Date.now() + STEP_MS;
    while (this.output.split(text).length - 1 < times) {
      if (Date.now() > deadline) throw new Error(`${this.name} never printed ${JSON.stringify(text)} (${what}). It printed:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  type(line) {
    this.process.stdin.write(`${line}\n`);
  }
  async stop() {
    this.process.kill('SIGTERM');
    await Promise.race([this.exited, new Promise((r) => setTimeout(r, 5000))]);
    this.process.kill('SIGKILL');
  }
}

function mint(sub, name, kind) {
  return execFileSync(opt.server, ['mint-token', '--secret', SECRET, '--sub', sub, '--name', name, '--kind', kind],
                      {encoding: 'utf8'}).trim();
}

const work = mkdtempSync(join(tmpdir(), 'parley-browser-'));
const port = await freePort();
const server = new Child('parley-server', opt.server, [
  '--db', join(work, 'server.db'), '--host', '127.0.0.1', '--port', String(port), '--secret', SECRET,
  '--faq', opt.faq, '--ticket-schema', opt['ticket-schema']]);
let app;
let browser;
const pageProblems = [];
let failure = null;

try {
  await server.waitFor('parley-server listening on', 'start-up');
  const agentToken = mint('agent-sam', 'Sam', 'agent');
  const userToken = mint('u-ann', 'Ann', 'user');

  // The agent signs in to the console.
  browser = await chromium.launch({executablePath: opt.chromium, args: ['--no-sandbox']});
  const page = await browser.newPage({viewport: {width: 1280, height: 860}});
  page.setDefaultTimeout(STEP_MS);
  page.on('pageerror', (e) => pageProblems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') pageProblems.push(`console error: ${m.text()}`); });
  await page.goto(`http://127.0.0.1:${port}/console/`);
  await page.fill('#token', agentToken);
  await page.click('#signin-form button[type=submit]');
  await page.waitForSelector('#link[data-state=connected]');
  await page.waitForFunction(() => document.getElementById('me').textContent.includes('Sam'));

  // The app opens a ticket; it appears in the console without a reload.
  app = new Child('chat-cli', opt['chat-cli'], [
    '--server', `ws://127.0.0.1:${port}/v1`, '--token', userToken, '--store', join(work, 'app.db')]);
  await app.waitFor('[connected as Ann]', 'connecting');
  // The app's user asks for a person; the console shows them waiting; the agent answers.
  app.type('Hello, is anyone there?');
  await app.waitFor('Parley Bot:', 'the bot answering first');
  app.type('/agent');
  await app.waitFor('you are number 1 in the queue', 'the place in the queue');
  const waiting = page.locator('#conversations li', {hasText: 'waiting #1'});
  await waiting.waitFor();
  await waiting.click();
  await page.click('#take');
  await app.waitFor('[Sam joined the conversation]', 'the agent taking the chat');
  await page.fill('#reply-text', 'Hi Ann, Sam here. How can I help?');
  await page.click('#reply-send');
  await app.waitFor('Sam (agent): Hi Ann, Sam here. How can I help?', 'the agent\'s chat reply');
  await page.locator('#conversations li', {hasText: 'waiting'}).waitFor({state: 'detached'});
  // The user sends a photo; the agent sees it on the message in the console.
  const photo = join(work, 'parcel.png');
  writeFileSync(photo, Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(5000, 7)]));
  app.type(`/attach ${photo}`);
  await app.waitFor('[parcel.png goes with your next message', 'the photo being attached');
  app.type('Here is the parcel as it arrived');
  await page.locator('#thread li', {hasText: 'Here is the parcel as it arrived'})
      .locator('button.attachment', {hasText: 'parcel.png'}).waitFor();

  app.type(`/attach ${photo}`);
  await app.waitFor('[parcel.png goes with your next message', 'the ticket\'s photo', 2);
  app.type('/ticket Zipper broke on day one | The zipper of my new jacket came off the first time I wore it.');
  await app.waitFor('"Zipper broke on day one" created: open', 'the ticket being created');
  const item = page.locator('#tickets li', {hasText: 'Zipper broke on day one'});
  await item.waitFor();
  await item.click();
  await page.waitForSelector('#detail h3:text("Zipper broke on day one")');
  await page.locator('#detail dd', {hasText: 'chat-cli'}).first().waitFor();  // the app's metadata
  await page.locator('#detail > .attachments button.attachment', {hasText: 'parcel.png'}).waitFor();

  // The agent takes it, replies and solves it; the app hears both as they happen.
  await page.click('#take');
  await page.waitForSelector('#take:text("Yours")');
  // The reply carries a file, uploaded from the page over HTTP.
  await page.fill('#reply-text', 'So sorry! A replacement jacket is on its way.');
  await page.setInputFiles('#reply-files', {name: 'return-label.txt', mimeType: 'text/plain',
                                            buffer: Buffer.from('Return label: PARLEY-42\n'.repeat(100))});
  await page.click('#reply-send');
  await page.locator('#thread li', {hasText: 'A replacement jacket is on its way.'}).waitFor();
  await page.locator('#thread button.attachment', {hasText: 'return-label.txt'}).waitFor();
  await app.waitFor('Sam: So sorry! A replacement jacket is on its way. [file: return-label.txt, 3 KB]',
                    'the agent\'s reply with its file');
  // The agent opens the file again from the thread: the bytes come back whole.
  const download = page.waitForEvent('download');
  await page.click('#thread button.attachment');
  const saved = await (await download).path();
  if (readFileSync(saved, 'utf8') !== 'Return label: PARLEY-42\n'.repeat(100)) throw new Error('the downloaded file differs');
  await page.selectOption('#status-select', 'solved');
  await app.waitFor('is now: solved', 'the ticket being solved');

  // The app rates the help; the console shows the rating.
  app.type('/rate 5 Quick and kind, thank you!');
  await app.waitFor('thanks for rating', 'the rating being stored');
  await page.locator('#csat', {hasText: '5/5'}).waitFor();
  await page.locator('#csat', {hasText: 'Quick and kind, thank you!'}).waitFor();
  await page.locator('#tickets li', {hasText: '★★★★★'}).waitFor();

  mkdirSync(opt.artifacts, {recursive: true});
  const shot = join(opt.artifacts, 'agent-console.png');
  await page.screenshot({path: shot, fullPage: true});
  console.log(`screenshot: ${shot}`);
  if (pageProblems.length) throw new Error(`the page reported problems:\n${pageProblems.join('\n')}`);
} catch (e) {
  failure = e;
} finally {
  if (browser) await browser.close();
  if (app) await app.stop();
  await server.stop();
  rmSync(work, {recursive: true, force: true});
}
if (failure) fail(failure.stack || String(failure));
console.log('PASS: chat handed to the agent from the queue; ticket created in the app, answered and solved in the console, rated in the app, rating shown in the console');
