// The apply service shared by `clearance apply`, `clearance undo` and the dashboard's `A`/`u`:
// plan (per-file diffs, nothing written), execute (backup, atomic conflict-checked write, audit
// entry, decision memory) and undo (restore from backups only what nobody changed since).
import { randomBytes } from 'node:crypto';
import { accessSync, constants, existsSync, readFileSync, readdirSync, statSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import type { CommandContext } from './context.js';
import { UserError, oneLine } from './errors.js';
import { mayTouch } from './paths.js';
import type { PermissionList, RuleEdit } from './core/settings-edit.js';
import { listsHolding } from './core/settings-edit.js';
import type { FileChangePlan, Suggestion } from './core/types.js';
import type { Actor, ApplyFileRecord, DecisionRecord } from './store/decisions-repo.js';
import {
  beginApply,
  decisionsOfApply,
  editedRuleFor,
  findApply,
  finishApply,
  markUndone,
  putApplyFile,
  recordDecision,
  unfinishedApplies,
} from './store/decisions-repo.js';
import { fileHash, textHash, writeFileAtomic } from './writers/atomic.js';
import type { AuditChange } from './writers/audit-writer.js';
import { appendAuditEntry } from './writers/audit-writer.js';
import type { SettingsFilePlan, WriteStep } from './writers/settings-writer.js';
import { planSettingsFile, pruneBackups, writeSettingsFile } from './writers/settings-writer.js';

/** How many applies keep their backups (older backup directories are pruned). */
export const KEEP_BACKUPS = 20;

/** Options of planApply / executeApply. */
export interface ApplyOptions {
  /** Consult decision memory for a breadth the user chose with `e` (default true). */
  useDecisionMemory?: boolean;
  /** Test hook: fail at a write step (see settings-writer). */
  faults?: (step: WriteStep) => void;
}

/** The result of executeApply. */
export interface ApplyResult {
  applyId: string;
  /** Settings files written. */
  written: string[];
  /** One line per refused file (or refused rule within a file). */
  refused: { path: string; reason: string }[];
  /** Things that did not stop the apply (an audit file that could not be written). */
  warnings: string[];
  /**
   * Files that would have changed but were not written because another target failed its check
   * (then nothing is written) or a write failed midway (then the apply stops there).
   */
  notWritten: string[];
}

/** The result of undoApply. */
export interface UndoResult {
  applyId: string;
  restored: string[];
  /** Files left as they are, with why. */
  kept: { path: string; reason: string }[];
}

interface Step {
  suggestion: Suggestion;
  /** The rule as it will be written (the user's edited breadth, else the proposal's). */
  rule: string;
  edit: RuleEdit | null;
  refusal: string | null;
}

interface FilePlan {
  steps: Step[];
  edits: RuleEdit[];
  settings: SettingsFilePlan;
}

function effectiveRule(ctx: CommandContext, s: Suggestion, options: ApplyOptions): string {
  if (options.useDecisionMemory === false) return s.rule;
  return editedRuleFor(ctx.openStore(), s.id) ?? s.rule;
}

function stepFor(s: Suggestion, rule: string, text: string | null): Step {
  if (s.kind === 'allow' || s.kind === 'deny' || s.kind === 'ask') {
    return { suggestion: s, rule, edit: { op: 'add', list: s.kind, rule }, refusal: null };
  }
  const olds = s.kind === 'remove' ? [rule] : s.replaces;
  let list: PermissionList | undefined = s.list;
  if (!list) {
    const holding = listsHolding(text, olds);
    if (holding.length > 1) {
      return {
        suggestion: s,
        rule,
        edit: null,
        refusal: `${rule}: is in more than one of ${holding.join('/')}; say which (or edit the file by hand)`,
      };
    }
    list = holding[0] ?? 'allow';
  }
  const edit: RuleEdit =
    s.kind === 'remove' ? { op: 'remove', list, rule } : { op: 'replace', list, rule, replaces: s.replaces };
  return { suggestion: s, rule, edit, refusal: null };
}

function planFile(
  ctx: CommandContext,
  file: string,
  suggestions: Suggestion[],
  options: ApplyOptions,
): FilePlan {
  // read once for list inference; planSettingsFile reads again and hashes what it edits
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    // missing or unreadable: planSettingsFile reports it
  }
  const steps = suggestions.map((s) => stepFor(s, effectiveRule(ctx, s, options), text));
  const edits = steps.flatMap((st) => (st.edit ? [st.edit] : []));
  return { steps, edits, settings: planSettingsFile(file, edits) };
}

function notesOf(fp: FilePlan): string[] {
  const outcomes = fp.settings.result.outcomes;
  const notes = fp.steps.flatMap((st) => (st.refusal ? [`skipped ${st.refusal}`] : []));
  for (const o of outcomes) {
    if (o.status === 'unchanged') notes.push(`${o.edit.rule}: ${o.note ?? 'nothing to change'}`);
    if (o.status === 'refused') notes.push(`skipped ${o.edit.rule}: ${o.note ?? 'refused'}`);
    if (o.status === 'changed' && o.note) notes.push(`${o.edit.rule}: ${o.note}`);
  }
  return notes;
}

function toFileChangePlan(fp: FilePlan, suggestions: Suggestion[]): FileChangePlan {
  return {
    path: fp.settings.path,
    diff: fp.settings.diff,
    added: fp.settings.result.added,
    removed: fp.settings.result.removed,
    refusal: fp.settings.refusal,
    beforeHash: fp.settings.beforeHash,
    suggestions,
    notes: notesOf(fp),
  };
}

function groupByTarget(suggestions: Suggestion[]): Map<string, Suggestion[]> {
  const groups = new Map<string, Suggestion[]>();
  for (const s of suggestions) {
    const file = path.resolve(s.target);
    groups.set(file, [...(groups.get(file) ?? []), s]);
  }
  return groups;
}

/** The refusal for a target outside `--home`: the file is neither read nor written. */
export function outsideHomeReason(ctx: CommandContext, file: string): string {
  return `${file}: outside --home ${ctx.paths.home}; not read or written`;
}

function outsidePlan(ctx: CommandContext, file: string, suggestions: Suggestion[]): FileChangePlan {
  return {
    path: file,
    diff: '',
    added: [],
    removed: [],
    refusal: outsideHomeReason(ctx, file),
    suggestions,
    notes: [],
  };
}

/** Plan the changes for these proposals, one plan per target settings file; writes nothing. */
export function planApply(
  ctx: CommandContext,
  suggestions: Suggestion[],
  options: ApplyOptions = {},
): FileChangePlan[] {
  return [...groupByTarget(suggestions)].map(([file, group]) =>
    mayTouch(ctx.paths, file)
      ? toFileChangePlan(planFile(ctx, file, group, options), group)
      : outsidePlan(ctx, file, group),
  );
}

/** The nearest existing ancestor of `file`'s directory must be a writable directory. */
function unwritableReason(file: string): string | null {
  let dir = path.dirname(file);
  for (;;) {
    try {
      if (!statSync(dir).isDirectory()) return `${file}: ${dir} is not a directory; not changing it`;
      accessSync(dir, constants.W_OK);
      return null;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && path.dirname(dir) !== dir) {
        dir = path.dirname(dir);
        continue;
      }
      if (code === 'ENOTDIR') return `${file}: a parent of it is not a directory; not changing it`;
      return `${file}: cannot write in ${dir} (${oneLine(error)}); not changing it`;
    }
  }
}

/** Check one target before anything is written: re-plan it, or say why it cannot be written. */
function checkTarget(
  ctx: CommandContext,
  plan: FileChangePlan,
  options: ApplyOptions,
): { fp: FilePlan } | { reason: string } {
  if (plan.refusal) return { reason: plan.refusal };
  if (!plan.suggestions?.length) return { reason: `${plan.path}: the plan carries no proposals; plan again` };
  if (!mayTouch(ctx.paths, plan.path)) return { reason: outsideHomeReason(ctx, plan.path) };
  const fp = planFile(ctx, plan.path, plan.suggestions, options);
  // a link inside the home to a file outside it: writing would change the file outside
  if (!mayTouch(ctx.paths, fp.settings.realPath))
    return { reason: outsideHomeReason(ctx, fp.settings.realPath) };
  if (fp.settings.refusal) return { reason: fp.settings.refusal };
  if (
    plan.beforeHash !== undefined &&
    fp.settings.beforeHash !== plan.beforeHash &&
    !sameChange(plan, fp.settings)
  ) {
    return {
      reason: `${plan.path}: changed since the diff was shown; nothing written, run apply again to see the new diff`,
    };
  }
  const unwritable = fp.settings.result.changed ? unwritableReason(fp.settings.realPath) : null;
  return unwritable ? { reason: unwritable } : { fp };
}

/** A new apply id: sortable by time, unique across processes. */
export function newApplyId(): string {
  // the real clock, not ctx.now: ids must stay unique and ordered even under a fixed --now
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

function sameChange(a: FileChangePlan, b: SettingsFilePlan): boolean {
  return JSON.stringify([a.added, a.removed]) === JSON.stringify([b.result.added, b.result.removed]);
}

function auditChanges(fp: FilePlan, final: SettingsFilePlan): AuditChange[] {
  const changes: AuditChange[] = [];
  let e = 0;
  for (const st of fp.steps) {
    if (!st.edit) continue;
    const outcome = final.result.outcomes[e++];
    if (outcome?.status !== 'changed') continue;
    const edit = st.edit;
    changes.push({
      action: edit.op === 'add' ? 'added' : edit.op === 'remove' ? 'removed' : 'replaced',
      list: edit.list,
      rule: edit.rule,
      replaces: edit.op === 'replace' ? edit.replaces.filter((r) => r !== edit.rule) : [],
      suggestion: st.suggestion,
      editedFrom: st.rule !== st.suggestion.rule ? st.suggestion.rule : null,
      note: outcome.note,
    });
  }
  return changes;
}

/**
 * Carry out plans made by planApply: per file, re-read; if the file changed since the plan so that
 * the change would differ from the diff the user saw, refuse; else back up, write atomically,
 * append the audit entry and remember the decisions. One file's refusal never stops the others.
 */
export async function executeApply(
  ctx: CommandContext,
  plans: FileChangePlan[],
  actor: 'interactive' | 'yes' | 'dashboard',
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  recoverInterruptedApplies(ctx);
  const applyId = newApplyId();
  const backupsRoot = path.join(ctx.paths.stateDir, 'backups');
  let begun = false;
  // the write-ahead record: in the store before the first byte of any settings file changes
  const beforeWrite = ({
    plan: p,
    backupPath,
    afterHash,
  }: {
    plan: SettingsFilePlan;
    backupPath: string | null;
    afterHash: string;
  }): void => {
    const db = ctx.openStore();
    db.transaction(() => {
      if (!begun) beginApply(db, { id: applyId, ts: ctx.now.getTime(), actor, pid: process.pid });
      putApplyFile(db, applyId, {
        path: p.realPath,
        beforeHash: p.beforeHash,
        afterHash,
        backupPath,
        added: p.result.added,
        removed: p.result.removed,
      });
    })();
    begun = true;
    const files = (readManifest(manifestPath(ctx, applyId))?.files ?? []).filter(
      (f) => f.path !== p.realPath,
    );
    writeManifest(ctx, applyId, {
      files: [
        ...files,
        {
          path: p.realPath,
          beforeHash: p.beforeHash,
          afterHash,
          backupPath,
          added: p.result.added,
          removed: p.result.removed,
        },
      ],
    });
  };
  const result: ApplyResult = { applyId, written: [], refused: [], warnings: [], notWritten: [] };
  const files: ApplyFileRecord[] = [];
  const applied: { suggestion: Suggestion; rule: string }[] = [];
  // First every target is checked (parsed, writable, unchanged since the diff); one that cannot be
  // written stops the whole apply before any file changes, so an apply is never half done by design.
  const ready: { plan: FileChangePlan; fp: FilePlan }[] = [];
  const blocked: { path: string; reason: string }[] = [];
  for (const plan of plans) {
    const check = checkTarget(ctx, plan, options);
    if ('reason' in check) blocked.push({ path: plan.path, reason: check.reason });
    else ready.push({ plan, fp: check.fp });
  }
  if (blocked.length > 0) {
    result.refused.push(...blocked);
    result.notWritten = ready.filter((r) => r.fp.settings.result.changed).map((r) => r.plan.path);
    return result;
  }
  for (const [index, { plan, fp }] of ready.entries()) {
    const outcome = writeSettingsFile(fp.settings, fp.edits, {
      backupDir: path.join(backupsRoot, applyId),
      beforeWrite,
      ...(options.faults ? { faults: options.faults } : {}),
    });
    for (const st of fp.steps) {
      if (st.refusal) result.refused.push({ path: plan.path, reason: `${plan.path}: ${st.refusal}` });
    }
    for (const o of outcome.plan.result.outcomes) {
      if (o.status === 'refused')
        result.refused.push({
          path: plan.path,
          reason: `${plan.path}: ${o.edit.rule}: ${o.note ?? 'refused'}`,
        });
    }
    if (outcome.status === 'refused') {
      // failed midway (an I/O error, a file changed twice while writing): stop, say what is left
      result.refused.push({ path: plan.path, reason: outcome.reason ?? `${plan.path}: refused` });
      result.notWritten = ready
        .slice(index)
        .filter((r) => r.fp.settings.result.changed)
        .map((r) => r.plan.path);
      break;
    }
    if (outcome.status !== 'written' || outcome.afterHash === null) continue;
    const final = outcome.plan;
    result.written.push(plan.path);
    files.push({
      path: final.realPath,
      beforeHash: final.beforeHash,
      afterHash: outcome.afterHash,
      backupPath: outcome.backupPath,
      added: final.result.added,
      removed: final.result.removed,
    });
    const changes = auditChanges(fp, final);
    for (const c of changes) if (c.suggestion) applied.push({ suggestion: c.suggestion, rule: c.rule });
    try {
      appendAuditEntry({
        kind: 'apply',
        applyId,
        when: ctx.now,
        settingsFile: final.realPath,
        actor,
        backupPath: outcome.backupPath,
        changes,
      });
    } catch (error) {
      result.warnings.push(
        `${plan.path}: written, but its audit entry could not be appended (${oneLine(error)})`,
      );
    }
  }
  if (begun) {
    const db = ctx.openStore();
    db.transaction(() => {
      finishApply(
        db,
        applyId,
        files.map((f) => f.path),
      );
      for (const a of applied) {
        recordDecision(db, {
          suggestion: a.suggestion,
          state: 'applied',
          editedRule: a.rule !== a.suggestion.rule ? a.rule : null,
          applyId,
          actor,
          now: ctx.now,
        });
      }
    })();
  }
  if (begun) writeManifest(ctx, applyId, { files, complete: true });
  if (files.length > 0) pruneBackups(backupsRoot, KEEP_BACKUPS, [applyId]);
  return result;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Finish the applies a killed process left unfinished, from what is on disk: a file that still
 * holds its old content was not written (forgotten); any other was (kept, so undo restores it
 * from its backup, or says why not). Applies of a process still running are left alone.
 */
export function recoverInterruptedApplies(ctx: CommandContext): string[] {
  const db = ctx.openStore();
  const recovered: string[] = [];
  for (const apply of unfinishedApplies(db)) {
    if (apply.pid !== null && (apply.pid === process.pid || processAlive(apply.pid))) continue;
    const written = apply.files.filter((f) => {
      try {
        return fileHash(f.path) !== f.beforeHash;
      } catch {
        return true; // unreadable now: keep the record, undo will say what it cannot do
      }
    });
    db.transaction(() =>
      finishApply(
        db,
        apply.id,
        written.map((f) => f.path),
      ),
    )();
    if (written.length > 0) recovered.push(apply.id);
  }
  return recovered;
}

function undoneSuggestion(d: DecisionRecord): Suggestion {
  // decision memory keys on id, kind, rule and target; the rest is not needed to record 'undone'
  return {
    id: d.suggestionId,
    kind: d.kind as Suggestion['kind'],
    rule: d.rule,
    replaces: d.replaces,
    target: d.target,
    scope: 'project',
    project: null,
    level: 'exact',
    confidence: 0,
    confidenceInputs: null,
    evidence: {
      approvals: d.approvals,
      denials: 0,
      sessions: 0,
      projects: d.projects,
      firstSeen: null,
      lastSeen: null,
    },
    risk: 'unknown',
    promptsSaved: 0,
    deniedCovered: 0,
    examples: [],
    alsoMatches: [],
    reason: '',
    history: [],
    alternatives: [],
  };
}

/** Restore each file of an apply from its backup when it still holds what the apply wrote. */
function restoreFiles(ctx: CommandContext, applyId: string, files: ApplyFileRecord[]): UndoResult {
  const result: UndoResult = { applyId, restored: [], kept: [] };
  for (const f of files) {
    const current = fileHash(f.path);
    if (current === f.beforeHash) {
      result.restored.push(f.path);
      continue;
    }
    if (current !== f.afterHash) {
      result.kept.push({
        path: f.path,
        reason: `${f.path}: changed since apply ${applyId}; left as it is (its backup: ${f.backupPath ?? 'none, the apply created it'})`,
      });
      continue;
    }
    try {
      if (f.backupPath === null) {
        // the apply created this file and nobody touched it since: removing it is the exact undo
        unlinkSync(f.path);
      } else if (!existsSync(f.backupPath)) {
        result.kept.push({
          path: f.path,
          reason: `${f.path}: its backup is gone (only the newest ${KEEP_BACKUPS} applies keep backups); left as it is`,
        });
        continue;
      } else {
        const backup = readFileSync(f.backupPath, 'utf8');
        if (textHash(backup) !== f.beforeHash) {
          result.kept.push({
            path: f.path,
            reason: `${f.path}: its backup ${f.backupPath} does not match; left as it is`,
          });
          continue;
        }
        writeFileAtomic(f.path, backup, { expectedHash: f.afterHash });
      }
      result.restored.push(f.path);
    } catch (error) {
      result.kept.push({
        path: f.path,
        reason: `${f.path}: cannot restore it (${oneLine(error)}); left as it is`,
      });
      continue;
    }
    try {
      appendAuditEntry({
        kind: 'undo',
        applyId: applyId,
        when: ctx.now,
        settingsFile: f.path,
        actor: 'undo',
        backupPath: null,
        changes: [],
        notes: [
          f.backupPath
            ? `Restored the content from before the apply (${f.backupPath})`
            : 'Removed the file the apply had created',
          ...f.added.map((r) => `No longer added: \`${r}\``),
          ...f.removed.map((r) => `Back in the file: \`${r}\``),
        ],
      });
    } catch {
      // the settings file is restored; a missing audit line is not worth failing the undo for
    }
  }
  return result;
}

/** The record of an apply kept beside its backups: undo works from it when the store is unusable. */
interface ApplyManifest {
  id: string;
  ts: number;
  files: ApplyFileRecord[];
  complete: boolean;
  undone: boolean;
}

function manifestPath(ctx: CommandContext, applyId: string): string {
  return path.join(ctx.paths.stateDir, 'backups', applyId, 'apply.json');
}

function readManifest(file: string): ApplyManifest | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ApplyManifest;
  } catch {
    return null;
  }
}

/** Create or update an apply's manifest (best effort: the store is the primary record). */
function writeManifest(ctx: CommandContext, applyId: string, change: Partial<ApplyManifest>): void {
  const file = manifestPath(ctx, applyId);
  const current = readManifest(file) ?? {
    id: applyId,
    ts: ctx.now.getTime(),
    files: [],
    complete: false,
    undone: false,
  };
  try {
    writeFileAtomic(file, `${JSON.stringify({ ...current, ...change }, null, 2)}\n`);
  } catch {
    // no manifest: undo then needs the store, as before
  }
}

/**
 * Undo from the manifests beside the backups, for when the store cannot be opened: the newest
 * apply not undone (or `applyId`). No decision memory is updated (it lives in the store).
 */
export function undoFromBackups(ctx: CommandContext, applyId?: string): UndoResult {
  const root = path.join(ctx.paths.stateDir, 'backups');
  let ids: string[] = [];
  try {
    ids = readdirSync(root).sort().reverse();
  } catch {
    // no backups at all
  }
  const manifest = ids
    .filter((id) => applyId === undefined || id === applyId)
    .map((id) => readManifest(path.join(root, id, 'apply.json')))
    .find(
      (m): m is ApplyManifest => m !== null && m.files.length > 0 && (applyId !== undefined || !m.undone),
    );
  if (!manifest)
    throw new UserError(
      applyId ? `no backups of apply ${applyId}` : 'nothing to undo: no apply recorded beside the backups',
    );
  if (manifest.undone) throw new UserError(`apply ${manifest.id} was already undone`);
  const result = restoreFiles(ctx, manifest.id, manifest.files);
  writeManifest(ctx, manifest.id, { undone: result.kept.length === 0 });
  return result;
}

/**
 * Undo one apply (default: the newest not undone): restore each file from its backup, but only
 * when it still holds exactly what the apply wrote; a file changed since is left alone, with why.
 */
export async function undoApply(ctx: CommandContext, applyId?: string): Promise<UndoResult> {
  const db = ctx.openStore();
  recoverInterruptedApplies(ctx);
  const apply = findApply(db, applyId);
  if (!apply)
    throw new UserError(applyId ? `no apply with id ${applyId}` : 'nothing to undo: no apply recorded');
  if (apply.undoneTs !== null) throw new UserError(`apply ${apply.id} was already undone`);
  const result = restoreFiles(ctx, apply.id, apply.files);
  writeManifest(ctx, apply.id, { undone: result.kept.length === 0 });
  const restoredSet = new Set(result.restored);
  db.transaction(() => {
    for (const d of decisionsOfApply(db, apply.id)) {
      const everything = result.kept.length === 0;
      if (!everything && !restoredSet.has(path.resolve(d.target))) continue;
      recordDecision(db, {
        suggestion: undoneSuggestion(d),
        state: 'undone',
        applyId: apply.id,
        actor: 'undo',
        now: ctx.now,
      });
    }
    if (result.kept.length === 0) markUndone(db, apply.id, ctx.now);
  })();
  return result;
}

/** Who decided, for decision memory and the audit trail. */
export type { Actor };
