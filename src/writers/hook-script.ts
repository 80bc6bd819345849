// The Claude Code hook clearance installs: a POSIX sh script in clearance's state dir. It runs
// inside every hooked tool call, so it does the least that keeps the evidence: copy stdin (at
// most 1 MiB) to a temp file in the spool dir and rename it into place, so `scan` never sees half
// an event. No Node start-up (tens of ms), no parsing, no output, exit 0 whatever happens.
// `scan` parses, redacts and stores each event, then deletes its file: raw hook input lives only
// until the next scan, in a dir only the user can read (umask 077), like Claude's own transcripts.
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic.js';

/** Bytes of one event kept (a 50 MB command must not become a 50 MB spool file). */
export const HOOK_EVENT_CAP = 1024 * 1024;

/** Single-quote a string for sh. */
export function shQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The script text for a spool dir. */
export function renderHookScript(spoolDir: string): string {
  return `#!/bin/sh
# clearance hook, written by \`clearance install-hooks\`: keeps this event for the next
# \`clearance scan\`, one file per event (temp file, then mv). Exits 0 whatever happens.
umask 077
d=${shQuote(spoolDir)}
[ -d "$d" ] || mkdir -p "$d" || exit 0
t="$d/.$$.tmp"
head -c ${HOOK_EVENT_CAP} >"$t" 2>/dev/null || { rm -f "$t"; exit 0; }
# drain what is past the cap, so Claude Code never writes into a closed pipe
cat >/dev/null 2>&1
n=0
while [ -e "$d/$$-$n.json" ]; do n=$((n + 1)); done
mv -f "$t" "$d/$$-$n.json" 2>/dev/null
exit 0
`;
}

/** Write the script (executable) and its spool dir (user only); returns the script path. */
export function installHookScript(paths: { hookScript: string; spoolDir: string }): string {
  mkdirSync(paths.spoolDir, { recursive: true, mode: 0o700 });
  writeFileAtomic(paths.hookScript, renderHookScript(paths.spoolDir));
  chmodSync(paths.hookScript, 0o755);
  return paths.hookScript;
}

/** The hook command written into settings.json. */
export function hookScriptCommand(script: string): string {
  return shQuote(path.resolve(script));
}
