import {
  closeSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { oneLine } from '../runtime/errors.js';
import type { RuleEdit, SettingsEditResult } from '../core/settings-edit.js';
import { editSettingsText } from '../core/settings-edit.js';
import { unifiedDiff } from '../core/unified-diff.js';
import { ConflictError, textHash, writeFileAtomic } from './atomic.js';

/** One settings file read and edited in memory: what would be written, and whether it may be. */
export interface SettingsFilePlan {
  /** The settings file as the proposal names it. */
  path: string;
  /** Where the bytes live (symlinks resolved): what is backed up and written. */
  realPath: string;
  beforeText: string | null;
  beforeHash: string | null;
  result: SettingsEditResult;
  /** Unified diff of the change ('' when nothing changes). */
  diff: string;
  /** One line naming the file when it must not be touched. */
  refusal: string | null;
  /** Declarative mode: `realPath` is clearance's Nix file, not the settings file itself. */
  declarative?: boolean;
}

/** Points where a test can make the writer fail, in write order. */
export type WriteStep = 'backup-written' | 'before-write' | 'after-write';

/** How to write. */
export interface WriteOptions {
  /** Directory for this apply's backups (`<stateDir>/backups/<apply-id>`). */
  backupDir: string;
  /** Test hook: called at each step; throwing there simulates a crash at that point. */
  faults?: (step: WriteStep) => void;
  /** Re-plan after a conflict (default: planSettingsFile; declarative mode plans its Nix file). */
  replan?: () => SettingsFilePlan;
  /**
   * Called after the backup is on disk and before the settings file is touched, with what the
   * write will produce: the caller records its intent there, so a kill during the write is undoable.
   */
  beforeWrite?: (intent: { plan: SettingsFilePlan; backupPath: string | null; afterHash: string }) => void;
}

/** What writing one file did. */
export interface WriteOutcome {
  status: 'written' | 'unchanged' | 'refused';
  /** The plan that was finally written (re-planned after a conflict). */
  plan: SettingsFilePlan;
  reason: string | null;
  backupPath: string | null;
  afterHash: string | null;
}

function readState(file: string): { realPath: string; text: string | null; problem: string | null } {
  let realPath = file;
  try {
    const link = lstatSync(file);
    if (link.isSymbolicLink()) {
      const target = path.resolve(path.dirname(file), readlinkSync(file));
      try {
        realPath = realpathSync(file);
      } catch {
        // a dangling link: writing would replace the link itself with a plain file
        if (!target.startsWith('/nix/store/')) {
          return {
            realPath: target,
            text: null,
            problem: `${file}: is a link to ${target}, which does not exist; not changing it`,
          };
        }
        realPath = target;
      }
    }
    // a home-manager managed file is a link into the read-only Nix store: writing a copy over
    // the link would silently detach it from the user's configuration
    if (realPath.startsWith('/nix/store/')) {
      return {
        realPath,
        text: null,
        problem: `${file}: is managed by Nix (${realPath}); change it in your Nix configuration`,
      };
    }
    const stat = statSync(realPath);
    if (stat.isDirectory())
      return { realPath, text: null, problem: `${file}: is a directory, not a settings file` };
    if ((stat.mode & 0o200) === 0) {
      return {
        realPath,
        text: null,
        problem: `${file}: is read-only (mode ${(stat.mode & 0o777).toString(8)}); not changing it`,
      };
    }
    return { realPath, text: readFileSync(realPath, 'utf8'), problem: null };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { realPath, text: null, problem: null };
    return { realPath, text: null, problem: `${file}: cannot read it (${oneLine(error)})` };
  }
}

/** Read a settings file and compute the edited text and its diff, without writing anything. */
export function planSettingsFile(file: string, edits: RuleEdit[]): SettingsFilePlan {
  const state = readState(file);
  const empty: SettingsEditResult = {
    text: null,
    changed: false,
    error: null,
    outcomes: [],
    added: [],
    removed: [],
  };
  if (state.problem) {
    return {
      path: file,
      realPath: state.realPath,
      beforeText: null,
      beforeHash: null,
      result: empty,
      diff: '',
      refusal: state.problem,
    };
  }
  const result = editSettingsText(state.text, edits);
  const diff =
    result.changed && result.text !== null
      ? unifiedDiff(state.text, result.text, { oldLabel: state.text === null ? null : file, newLabel: file })
      : '';
  return {
    path: file,
    realPath: state.realPath,
    beforeText: state.text,
    beforeHash: state.text === null ? null : textHash(state.text),
    result,
    diff,
    refusal: result.error ? `${file}: ${result.error}; not touching it` : null,
  };
}

/** The backup file name for a settings path: the whole path, so two `settings.json` never collide. */
export function backupName(file: string): string {
  return file.replace(/%/g, '%25').replace(/\//g, '%2F');
}

// writeFileAtomic names temps `.<base>.clearance-<pid>-<ms>.tmp`
const TEMP = /^\.(.+)\.clearance-(\d+)-\d+\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove temp files a killed writer left next to `file`. Only temps of this file whose writer
 * process is gone, so a concurrent apply's temp is never pulled from under it.
 */
export function cleanStaleTemps(file: string): string[] {
  const dir = path.dirname(file);
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP.exec(name);
    if (!m || m[1] !== path.basename(file) || alive(Number(m[2]))) continue;
    try {
      unlinkSync(path.join(dir, name));
      removed.push(path.join(dir, name));
    } catch {
      // gone already or not ours to remove: harmless
    }
  }
  return removed;
}

/**
 * Write a backup readable by the user only: settings files often carry tokens in `env`. A torn
 * backup is harmless: it is written before the settings file is touched, and undo checks its hash.
 */
function writeBackup(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function attempt(plan: SettingsFilePlan, options: WriteOptions): WriteOutcome {
  let backupPath: string | null = null;
  if (plan.beforeText !== null) {
    backupPath = path.join(options.backupDir, backupName(plan.realPath));
    writeBackup(backupPath, plan.beforeText);
  }
  options.faults?.('backup-written');
  const text = plan.result.text ?? '';
  options.beforeWrite?.({ plan, backupPath, afterHash: textHash(text) });
  options.faults?.('before-write');
  writeFileAtomic(plan.realPath, text, { expectedHash: plan.beforeHash });
  options.faults?.('after-write');
  return { status: 'written', plan, reason: null, backupPath, afterHash: textHash(text) };
}

/**
 * Write one planned file: back up the old content, then replace it atomically, but only if it
 * still has the content the plan was made from. When someone else changed it in between, re-read
 * and re-plan once; a second conflict refuses.
 */
export function writeSettingsFile(
  plan: SettingsFilePlan,
  edits: RuleEdit[],
  options: WriteOptions,
): WriteOutcome {
  cleanStaleTemps(plan.realPath);
  let current = plan;
  for (let round = 0; round < 2; round++) {
    if (current.refusal)
      return { status: 'refused', plan: current, reason: current.refusal, backupPath: null, afterHash: null };
    if (!current.result.changed) {
      return {
        status: 'unchanged',
        plan: current,
        reason: null,
        backupPath: null,
        afterHash: current.beforeHash,
      };
    }
    try {
      return attempt(current, options);
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        return {
          status: 'refused',
          plan: current,
          reason: `${current.path}: cannot write it (${oneLine(error)})`,
          backupPath: null,
          afterHash: null,
        };
      }
      current = options.replan ? options.replan() : planSettingsFile(plan.path, edits);
    }
  }
  return {
    status: 'refused',
    plan: current,
    reason: `${plan.path}: changed again while clearance was writing it; nothing written, run apply again`,
    backupPath: null,
    afterHash: null,
  };
}

/** Keep only the newest `keep` apply directories under `backupsRoot` (by name: apply ids sort by time). */
export function pruneBackups(backupsRoot: string, keep = 20, protect: string[] = []): string[] {
  let names: string[];
  try {
    names = readdirSync(backupsRoot).sort();
  } catch {
    return [];
  }
  const doomed = names.slice(0, Math.max(0, names.length - keep)).filter((n) => !protect.includes(n));
  for (const name of doomed) rmSync(path.join(backupsRoot, name), { recursive: true, force: true });
  return doomed;
}
