import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'vitest';
import { loadBashParser } from '../../../src/sources/bash-grammar.js';
import { parseCommand } from '../../../src/core/shell/index.js';
it('real', async () => {
  const p = await loadBashParser();
  const dir = '/work/shared/data/transcripts';
  const files: string[] = [];
  const walk = (d: string) => { for (const e of readdirSync(d, { withFileTypes: true })) { if (e.isDirectory()) walk(d + '/' + e.name); else if (e.name.endsWith('.jsonl')) files.push(d + '/' + e.name); } };
  walk(dir);
  const cmds = new Set<string>();
  for (const f of files) for (const line of readFileSync(f, 'utf8').split('\n')) { try { const j = JSON.parse(line); for (const c of j?.message?.content ?? []) if (c?.type === 'tool_use' && c.name === 'Bash') cmds.add(c.input.command); } catch {} }
  for (const c of cmds) { const r = parseCommand(p, c); console.log(JSON.stringify(c).slice(0, 150), '\n   =>', r.error ?? r.segments.map((s) => `[${s.text.slice(0, 60)}]${s.subcommand.length ? '{' + s.subcommand.join(' ') + '}' : ''}${s.nested ? '(n)' : ''}${s.redirects.length ? '>' + s.redirects.join(',') : ''}`).join(' '), r.operators.join(' ')); }
});
