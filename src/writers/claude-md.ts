// Writes the tools block into a CLAUDE.md: only the bytes between the clearance markers change,
// the previous content is backed up first, and the write is refused when someone changed the file
// since it was read (writeFileAtomic's expectedHash).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { replaceBlock } from '../core/docs-block.js';
import { UserError } from '../runtime/errors.js';
import { ConflictError, textHash, writeFileAtomic } from './atomic.js';

/** What a write did. */
export interface BlockWrite {
  changed: boolean;
  /** Where the previous content was saved, when there was any. */
  backup: string | null;
}

/** Read a text file, '' when it does not exist (the block is then created). */
export function readTarget(file: string): { text: string; exists: boolean } {
  try {
    return { text: readFileSync(file, 'utf8'), exists: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', exists: false };
    throw new UserError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
}

/** Put `block` into `file` (atomic, backed up, conflict-checked); a no-op when already current. */
export function writeToolsBlock(
  file: string,
  block: string,
  options: { backupDir: string; now: Date },
): BlockWrite {
  const { text, exists } = readTarget(file);
  const result = replaceBlock(text, block);
  if (!result.ok) throw new UserError(`${file}: ${result.error}; fix the markers by hand`);
  if (exists && result.text === text) return { changed: false, backup: null };
  let backup: string | null = null;
  if (exists) {
    mkdirSync(options.backupDir, { recursive: true });
    const stamp = options.now.toISOString().replace(/[:.]/g, '-');
    backup = path.join(options.backupDir, `${path.basename(file)}.${stamp}.bak`);
    writeFileSync(backup, text, { flag: 'w' });
  }
  try {
    writeFileAtomic(file, result.text, { expectedHash: exists ? textHash(text) : null });
  } catch (error) {
    if (error instanceof ConflictError)
      throw new UserError(`${file} changed while it was being updated; run again`);
    throw error;
  }
  return { changed: true, backup };
}
