// Screenshots of the real dashboard: runs the built `clearance demo` in tmux (120×36), drives it
// with send-keys, captures each screen with its colours (capture-pane -e) and writes one SVG per
// screen into screenshots/. SVG straight from the ANSI cells: no browser, deterministic output.
// Run: npm run screenshots (builds first).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const COLS = 120;
const ROWS = 36;
const socket = `clearance-shots-${process.pid}`;
const out = path.resolve('screenshots');
const cli = path.resolve('bin/clearance.js');
const work = mkdtempSync(path.join(tmpdir(), 'clearance-shots-'));

const tmux = (...args) => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
const capture = (ansi) => tmux('capture-pane', '-t', 'shot', '-p', ...(ansi ? ['-e'] : []));
const keys = (...k) => tmux('send-keys', '-t', 'shot', ...k);

async function waitFor(pattern, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = capture(false);
    if (pattern.test(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`screen never matched ${pattern}:\n${last}`);
}

// Ink renders at most ~30 frames a second: give the last frame time to land before capturing.
const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

const palette16 = [
  '#1d1f21', '#cc6666', '#b5bd68', '#f0c674', '#81a2be', '#b294bb', '#8abeb7', '#c5c8c6',
  '#666666', '#d54e53', '#b9ca4a', '#e7c547', '#7aa6da', '#c397d8', '#70c0b1', '#eaeaea',
]; // prettier-ignore
const FG = '#d0d0d0';
const BG = '#161821';

function color256(n) {
  if (n < 16) return palette16[n];
  if (n < 232) {
    const v = [0, 95, 135, 175, 215, 255];
    const i = n - 16;
    return `rgb(${v[Math.floor(i / 36)]},${v[Math.floor(i / 6) % 6]},${v[i % 6]})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

// Parse SGR-coloured lines into cells: [{ ch, fg, bg, bold, dim, inverse, underline, strike }].
function parseAnsi(text) {
  const rows = [];
  for (const line of text.split('\n').slice(0, ROWS)) {
    const cells = [];
    let st = { fg: null, bg: null, bold: false, dim: false, inverse: false, underline: false, strike: false };
    for (let i = 0; i < line.length;) {
      if (line[i] === '\u001b' && line[i + 1] === '[') {
        const end = line.slice(i + 2).search(/[A-Za-z]/);
        const params = line.slice(i + 2, i + 2 + end);
        const cmd = line[i + 2 + end];
        i += 3 + end;
        if (cmd !== 'm') continue;
        const codes = params === '' ? [0] : params.split(';').map(Number);
        for (let c = 0; c < codes.length; c += 1) {
          const code = codes[c];
          if (code === 0)
            st = {
              fg: null,
              bg: null,
              bold: false,
              dim: false,
              inverse: false,
              underline: false,
              strike: false,
            };
          else if (code === 1) st = { ...st, bold: true };
          else if (code === 2) st = { ...st, dim: true };
          else if (code === 4) st = { ...st, underline: true };
          else if (code === 7) st = { ...st, inverse: true };
          else if (code === 9) st = { ...st, strike: true };
          else if (code === 22) st = { ...st, bold: false, dim: false };
          else if (code === 24) st = { ...st, underline: false };
          else if (code === 27) st = { ...st, inverse: false };
          else if (code === 29) st = { ...st, strike: false };
          else if (code >= 30 && code <= 37) st = { ...st, fg: palette16[code - 30] };
          else if (code >= 90 && code <= 97) st = { ...st, fg: palette16[code - 90 + 8] };
          else if (code >= 40 && code <= 47) st = { ...st, bg: palette16[code - 40] };
          else if (code >= 100 && code <= 107) st = { ...st, bg: palette16[code - 100 + 8] };
          else if (code === 39) st = { ...st, fg: null };
          else if (code === 49) st = { ...st, bg: null };
          else if ((code === 38 || code === 48) && codes[c + 1] === 5) {
            st = { ...st, [code === 38 ? 'fg' : 'bg']: color256(codes[c + 2]) };
            c += 2;
          } else if ((code === 38 || code === 48) && codes[c + 1] === 2) {
            st = {
              ...st,
              [code === 38 ? 'fg' : 'bg']: `rgb(${codes[c + 2]},${codes[c + 3]},${codes[c + 4]})`,
            };
            c += 4;
          }
        }
        continue;
      }
      const ch = String.fromCodePoint(line.codePointAt(i));
      i += ch.length;
      cells.push({ ch, ...st });
    }
    rows.push(cells);
  }
  return rows;
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function toSvg(ansi, title) {
  const cw = 8.4;
  const lh = 18;
  const pad = 12;
  const bar = 26;
  const width = Math.ceil(COLS * cw + pad * 2);
  const height = ROWS * lh + pad * 2 + bar;
  const parts = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
  );
  parts.push(`<rect width="100%" height="100%" rx="8" fill="${BG}"/>`);
  parts.push(
    `<circle cx="18" cy="13" r="5" fill="#ff5f56"/><circle cx="34" cy="13" r="5" fill="#ffbd2e"/><circle cx="50" cy="13" r="5" fill="#27c93f"/>`,
  );
  parts.push(
    `<text x="${width / 2}" y="17" fill="#888" font-family="sans-serif" font-size="12" text-anchor="middle">${escapeXml(title)}</text>`,
  );
  parts.push(
    `<g font-family="'DejaVu Sans Mono','Menlo','Consolas',monospace" font-size="14" xml:space="preserve">`,
  );
  parseAnsi(ansi).forEach((cells, row) => {
    const y = pad + bar + row * lh;
    // Runs of cells with the same style become one rect + one text.
    let start = 0;
    while (start < cells.length) {
      const s = cells[start];
      let end = start + 1;
      const same = (c) =>
        c.fg === s.fg &&
        c.bg === s.bg &&
        c.bold === s.bold &&
        c.dim === s.dim &&
        c.inverse === s.inverse &&
        c.underline === s.underline &&
        c.strike === s.strike;
      while (end < cells.length && same(cells[end])) end += 1;
      const text = cells
        .slice(start, end)
        .map((c) => c.ch)
        .join('');
      let fg = s.fg ?? FG;
      let bg = s.bg;
      if (s.inverse) [fg, bg] = [bg ?? BG, fg];
      const x = pad + start * cw;
      if (bg)
        parts.push(
          `<rect x="${x.toFixed(1)}" y="${y}" width="${((end - start) * cw).toFixed(1)}" height="${lh}" fill="${bg}"/>`,
        );
      const lead = text.length - text.trimStart().length;
      const body = text.trim();
      if (body !== '') {
        // Leading/trailing blanks become x offsets: SVG renderers collapse spaces inconsistently.
        const cells = [...body].length;
        const attrs = [
          `x="${(x + lead * cw).toFixed(1)}"`, `y="${y + 14}"`, `fill="${fg}"`,
          `textLength="${(cells * cw).toFixed(1)}"`, 'lengthAdjust="spacingAndGlyphs"',
          s.bold ? 'font-weight="bold"' : '', s.dim ? 'opacity="0.6"' : '',
          s.underline || s.strike ? `text-decoration="${s.underline ? 'underline' : 'line-through'}"` : '',
        ].filter(Boolean).join(' '); // prettier-ignore
        parts.push(`<text ${attrs}>${escapeXml(body)}</text>`);
      }
      start = end;
    }
  });
  parts.push('</g></svg>');
  return `${parts.join('\n')}\n`;
}

function shot(name, title) {
  writeFileSync(path.join(out, `${name}.svg`), toSvg(capture(true), title));
  process.stdout.write(`screenshots/${name}.svg\n`);
}

function start(command) {
  tmux(
    'new-session', '-d', '-s', 'shot', '-x', String(COLS), '-y', String(ROWS),
    `env -u NO_COLOR -u CI TERM=xterm-256color COLORTERM=truecolor FORCE_COLOR=3 ${command}; echo "EXIT=$?"; sleep 600`,
  ); // prettier-ignore
}

mkdirSync(out, { recursive: true });
try {
  start(`node ${cli} demo --keep`);
  await waitFor(/\d+ proposals; \d+ new calls? scanned/, 180_000);
  await settle();
  shot('suggestions', 'clearance — 1 Suggestions');
  keys('Enter');
  await waitFor(/Suggestions · evidence/);
  await settle();
  shot('evidence', 'clearance — evidence for a proposal (Enter)');
  keys('Escape');
  await waitFor(/1 Suggestions · \d+\/\d+/);
  keys('2');
  await waitFor(/2 Confidence · \d+\/\d+/);
  await settle();
  shot('confidence', 'clearance — 2 Confidence');
  keys('3');
  await waitFor(/3 Usage · \d+\/\d+/);
  await settle();
  shot('usage', 'clearance — 3 Usage (human vs Claude)');
  keys('4');
  await waitFor(/4 Dormant · \d+\/\d+/);
  await settle();
  shot('dormant', 'clearance — 4 Dormant and install candidates');
  keys('1');
  await waitFor(/1 Suggestions · \d+\/\d+/);
  keys('?');
  await waitFor(/keys \(Esc or \? closes\)/);
  await settle();
  shot('help', 'clearance — ? help (generated from the key table)');
  keys('Escape');
  await waitFor(/1 Suggestions · \d+\/\d+/);
  keys('a');
  await waitFor(/approved .+ — A to apply/);
  keys('a');
  await waitFor(/2 to apply \(A\)/);
  keys('A');
  await waitFor(/Enter writes · Esc cancels/);
  await settle();
  shot('apply-diff', 'clearance — A: the exact per-file diff before writing');
  keys('Escape');
  await waitFor(/apply cancelled/);
  keys('q');
  await waitFor(/Quit with 2 unapplied decisions\? \[y\/N\]/);
  await settle();
  shot('quit-confirm', 'clearance — q with unapplied decisions');
  keys('y');
  const done = (await waitFor(/EXIT=\d+/)).replace(/\n/g, '');
  const dir = /demo kept in (\S+) \(--home/.exec(done)[1];
  tmux('kill-session', '-t', 'shot');

  // A "rebuild": one package gone from the live system, one new, then the post-rebuild review.
  const bin = path.join(dir, 'root', 'run', 'current-system', 'sw', 'bin');
  unlinkSync(path.join(bin, 'gimp'));
  unlinkSync(path.join(bin, 'gimp-console'));
  const store = `/nix/store/99demo${'0'.repeat(26)}-tokei-13.0.0`;
  mkdirSync(path.join(dir, 'root', store, 'bin'), { recursive: true });
  writeFileSync(path.join(dir, 'root', store, 'bin', 'tokei'), '#!/bin/sh\n');
  symlinkSync(`${store}/bin/tokei`, path.join(bin, 'tokei'));
  const flags = `--home ${dir}/home --root ${dir}/root --db ${dir}/state/clearance.db`;
  start(`node ${cli} review --post-rebuild ${flags}`);
  await waitFor(/Since your last rebuild/, 120_000);
  await settle();
  shot('post-rebuild', 'clearance review --post-rebuild');
  // One key per send: a terminal delivers several at once as one paste-like chunk.
  keys('Enter');
  await waitFor(/1 Suggestions · \d+\/\d+/);
  keys('q');
  await waitFor(/Quit with|EXIT=/);
  keys('y');
  await waitFor(/EXIT=\d+/);
  rmSync(dir, { recursive: true, force: true });
} finally {
  spawnSync('tmux', ['-L', socket, 'kill-server']);
  rmSync(work, { recursive: true, force: true });
}
