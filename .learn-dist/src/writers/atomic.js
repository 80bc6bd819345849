import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync, } from 'node:fs';
import path from 'node:path';
/** sha256 of a file's bytes, or null when it does not exist. */
export function fileHash(file) {
    try {
        return createHash('sha256').update(readFileSync(file)).digest('hex');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return null;
        throw error;
    }
}
/** sha256 of a string, as fileHash would compute it for a file holding it. */
export function textHash(text) {
    return createHash('sha256').update(text).digest('hex');
}
/** Thrown when the file changed since it was read (someone else wrote it). */
export class ConflictError extends Error {
    name = 'ConflictError';
}
/**
 * Write `content` to `file` so that readers only ever see the old or the new complete file:
 * write a temp file in the same directory, fsync it, rename it over the target, fsync the dir.
 * With `expectedHash` (null = must not exist), refuses when the file changed since it was read.
 * Keeps the target's permission bits.
 */
export function writeFileAtomic(file, content, options = {}) {
    const dir = path.dirname(file);
    mkdirSync(dir, { recursive: true });
    if (options.expectedHash !== undefined && fileHash(file) !== options.expectedHash) {
        throw new ConflictError(`${file} changed since it was read`);
    }
    let mode = 0o644;
    try {
        mode = statSync(file).mode & 0o777;
    }
    catch {
        // new file: default mode
    }
    const temp = path.join(dir, `.${path.basename(file)}.clearance-${process.pid}-${Date.now()}.tmp`);
    const fd = openSync(temp, 'wx', mode);
    try {
        writeSync(fd, content);
        fsyncSync(fd);
    }
    catch (error) {
        closeSync(fd);
        unlinkSync(temp);
        throw error;
    }
    closeSync(fd);
    try {
        if (options.expectedHash !== undefined && fileHash(file) !== options.expectedHash) {
            throw new ConflictError(`${file} changed since it was read`);
        }
        renameSync(temp, file);
    }
    catch (error) {
        try {
            unlinkSync(temp);
        }
        catch {
            // already gone
        }
        throw error;
    }
    try {
        const dirFd = openSync(dir, 'r');
        fsyncSync(dirFd);
        closeSync(dirFd);
    }
    catch {
        // directory fsync is best effort (not supported on every filesystem)
    }
}
//# sourceMappingURL=atomic.js.map