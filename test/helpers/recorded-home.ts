// Place a real-client recording (test/fixtures/real-client/) in a temp home, with the throwaway
// paths of the recording rewritten to the temp ones, so `scan` reads it as it would a user's.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REC_HOME, REC_PROJECT } from './evidence-recorder.js';

export const RECORDINGS = path.resolve(import.meta.dirname, '..', 'fixtures', 'real-client');

const slug = (p: string): string => p.replace(/[^A-Za-z0-9]/g, '-');

/** The recording's own summary (`session.json`). */
export function recordedSession(name: string): {
  version: string;
  calls: { id: string; permissionDecision: Record<string, unknown> | null; toolDenialKind: string | null }[];
  localSettingsAfter: unknown;
} {
  return JSON.parse(readFileSync(path.join(RECORDINGS, name, 'session.json'), 'utf8')) as ReturnType<
    typeof recordedSession
  >;
}

/** Lines of a recorded file, with the placeholders replaced by `home`/`project`. */
export function placed(text: string, home: string, project: string): string {
  return text
    .replaceAll(slug(REC_PROJECT), slug(project))
    .replaceAll(REC_PROJECT, project)
    .replaceAll(REC_HOME, home);
}

/** A temp home holding the recording's transcripts (and `settings` as the project's local settings). */
export function recordedHome(
  name: string,
  settings?: unknown,
): { home: string; project: string; hookLines: string[]; otel: Record<string, unknown>[] } {
  const home = mkdtempSync(path.join(os.tmpdir(), 'clearance-recorded-'));
  const project = path.join(home, 'proj');
  mkdirSync(path.join(project, '.git'), { recursive: true });
  const from = path.join(RECORDINGS, name, 'projects');
  const to = path.join(home, '.claude', 'projects');
  const copy = (src: string, dst: string): void => {
    for (const e of readdirSync(src)) {
      const s = path.join(src, e);
      const d = path.join(dst, placed(e, home, project));
      if (statSync(s).isDirectory()) {
        mkdirSync(d, { recursive: true });
        copy(s, d);
      } else writeFileSync(d, placed(readFileSync(s, 'utf8'), home, project));
    }
  };
  mkdirSync(to, { recursive: true });
  copy(from, to);
  if (settings !== undefined) {
    mkdirSync(path.join(project, '.claude'), { recursive: true });
    writeFileSync(
      path.join(project, '.claude', 'settings.local.json'),
      `${JSON.stringify(settings, null, 2)}\n`,
    );
  }
  const hookLines = readFileSync(path.join(RECORDINGS, name, 'hooks.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => placed(l, home, project));
  const otel = JSON.parse(
    placed(readFileSync(path.join(RECORDINGS, name, 'otel.json'), 'utf8'), home, project),
  ) as Record<string, unknown>[];
  return { home, project, hookLines, otel };
}
