import { lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, realpathSync, rmSync, statSync, unlinkSync, } from 'node:fs';
import path from 'node:path';
import { oneLine } from '../errors.js';
import { editSettingsText } from '../core/settings-edit.js';
import { unifiedDiff } from '../core/unified-diff.js';
import { ConflictError, fileHash, textHash, writeFileAtomic } from './atomic.js';
function readState(file) {
    let realPath = file;
    try {
        const link = lstatSync(file);
        if (link.isSymbolicLink()) {
            const target = path.resolve(path.dirname(file), readlinkSync(file));
            try {
                realPath = realpathSync(file);
            }
            catch {
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
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT')
            return { realPath, text: null, problem: null };
        return { realPath, text: null, problem: `${file}: cannot read it (${oneLine(error)})` };
    }
}
/** Read a settings file and compute the edited text and its diff, without writing anything. */
export function planSettingsFile(file, edits) {
    const state = readState(file);
    const empty = {
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
    const diff = result.changed && result.text !== null
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
export function backupName(file) {
    return file.replace(/%/g, '%25').replace(/\//g, '%2F');
}
// writeFileAtomic names temps `.<base>.clearance-<pid>-<ms>.tmp`
const TEMP = /^\.(.+)\.clearance-(\d+)-\d+\.tmp$/;
function alive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        return error.code === 'EPERM';
    }
}
/**
 * Remove temp files a killed writer left next to `file`. Only temps of this file whose writer
 * process is gone, so a concurrent apply's temp is never pulled from under it.
 */
export function cleanStaleTemps(file) {
    const dir = path.dirname(file);
    const removed = [];
    let names;
    try {
        names = readdirSync(dir);
    }
    catch {
        return removed;
    }
    for (const name of names) {
        const m = TEMP.exec(name);
        if (!m || m[1] !== path.basename(file) || alive(Number(m[2])))
            continue;
        try {
            unlinkSync(path.join(dir, name));
            removed.push(path.join(dir, name));
        }
        catch {
            // gone already or not ours to remove: harmless
        }
    }
    return removed;
}
function attempt(plan, options) {
    let backupPath = null;
    if (plan.beforeText !== null) {
        mkdirSync(options.backupDir, { recursive: true });
        backupPath = path.join(options.backupDir, backupName(plan.realPath));
        writeFileAtomic(backupPath, plan.beforeText);
    }
    options.faults?.('backup-written');
    const text = plan.result.text ?? '';
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
export function writeSettingsFile(plan, edits, options) {
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
        }
        catch (error) {
            if (!(error instanceof ConflictError)) {
                return {
                    status: 'refused',
                    plan: current,
                    reason: `${current.path}: cannot write it (${oneLine(error)})`,
                    backupPath: null,
                    afterHash: null,
                };
            }
            current = planSettingsFile(plan.path, edits);
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
export function pruneBackups(backupsRoot, keep = 20, protect = []) {
    let names;
    try {
        names = readdirSync(backupsRoot).sort();
    }
    catch {
        return [];
    }
    const doomed = names.slice(0, Math.max(0, names.length - keep)).filter((n) => !protect.includes(n));
    for (const name of doomed)
        rmSync(path.join(backupsRoot, name), { recursive: true, force: true });
    return doomed;
}
/** Does the file still hold exactly these bytes? (null hash = the file must not exist) */
export function hasHash(file, hash) {
    return fileHash(file) === hash;
}
//# sourceMappingURL=settings-writer.js.map