// Bash specifier matching against ONE simple command's text (compound commands are split by the
// shell model first; a rule never spans an operator). Semantics from reference claude-code.md §1.3.
import { stripWrappers } from '../shell/wrappers.js';
const regexCache = new Map();
function escapeRegex(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * `*` anywhere spans anything (spaces included); a trailing ` *` is a word boundary, so `ls *`
 * matches `ls` and `ls -la` but not `lsof`, while `ls*` matches both. `\*` is a literal star.
 */
export function wildcardRegex(pattern) {
    const cached = regexCache.get(pattern);
    if (cached)
        return cached;
    let body = pattern;
    let tail = '';
    if (/(?:^|[^\\]) \*$/.test(body)) {
        body = body.slice(0, -2);
        tail = '(?: .*)?';
    }
    let out = '';
    for (let i = 0; i < body.length; i += 1) {
        const c = body[i] ?? '';
        if (c === '\\' && i + 1 < body.length) {
            out += escapeRegex(body[i + 1] ?? '');
            i += 1;
        }
        else if (c === '*')
            out += '.*';
        else
            out += escapeRegex(c);
    }
    const re = new RegExp(`^${out}${tail}$`, 's');
    if (regexCache.size > 5000)
        regexCache.clear();
    regexCache.set(pattern, re);
    return re;
}
/** True when a Bash rule's specifier matches one command text (already wrapper/env stripped). */
export function bashSpecifierMatches(rule, text) {
    const t = text.trim();
    switch (rule.form) {
        case 'tool':
            return true;
        case 'bash-exact':
            return t === (rule.pattern ?? '').trim();
        case 'bash-prefix': {
            const prefix = (rule.pattern ?? '').trim();
            if (t === prefix)
                return true;
            if (!t.startsWith(prefix))
                return false;
            // Word boundary, except after a prefix that already ends in punctuation (`python3 -:*`).
            return t[prefix.length] === ' ' || /[^A-Za-z0-9_]$/.test(prefix);
        }
        case 'bash-wildcard':
            return wildcardRegex((rule.pattern ?? '').trim()).test(t);
        default:
            return false;
    }
}
// `git -C /p log` matches `Bash(git log:*)` since v2.1.0: drop the `-C dir` pair.
function withoutGitDir(argv) {
    if (argv[0] !== 'git' && !(argv[0] ?? '').endsWith('/git'))
        return null;
    const out = [argv[0] ?? 'git'];
    let changed = false;
    for (let i = 1; i < argv.length; i += 1) {
        if (argv[i] === '-C' && i + 1 < argv.length && out.length === 1) {
            i += 1;
            changed = true;
            continue;
        }
        out.push(argv[i] ?? '');
    }
    return changed ? out : null;
}
const SUDO_VALUE_FLAGS = new Set([
    '-u',
    '-g',
    '-h',
    '-p',
    '-C',
    '-D',
    '-r',
    '-t',
    '-U',
    '--user',
    '--group',
    '--host',
    '--prompt',
    '--chdir',
]);
// Deny/ask match through `env`, `sudo`, `doas` and `watch` (reference §1 version table, ~2.1.105).
function stripPrivilegeAndEnv(argv) {
    let at = 0;
    let changed = false;
    for (let guard = 0; guard < 8; guard += 1) {
        const name = argv[at] ?? '';
        let next = at + 1;
        if (name === 'env') {
            while (next < argv.length) {
                const a = argv[next] ?? '';
                if (a === '-u' || a === '--unset' || a === '-C' || a === '--chdir' || a === '-S')
                    next += 2;
                else if (a.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(a))
                    next += 1;
                else
                    break;
            }
        }
        else if (name === 'sudo' || name === 'doas') {
            while (next < argv.length && (argv[next] ?? '').startsWith('-')) {
                const a = argv[next] ?? '';
                next += a === '--' ? 1 : SUDO_VALUE_FLAGS.has(a) ? 2 : 1;
                if (a === '--')
                    break;
            }
        }
        else if (name === 'watch') {
            while (next < argv.length && (argv[next] ?? '').startsWith('-')) {
                const a = argv[next] ?? '';
                next += a === '-n' || a === '--interval' || a === '-q' || a === '--equexit' ? 2 : 1;
            }
        }
        else {
            const { skip } = stripWrappers(argv.slice(at));
            if (skip === 0)
                break;
            next = at + skip;
        }
        if (next >= argv.length)
            break;
        at = next;
        changed = true;
    }
    return changed ? argv.slice(at) : null;
}
/**
 * The texts a rule of the given kind is matched against for one segment. Allow rules see the segment
 * as Claude Code normalizes it; deny/ask rules also see it through `env`/`sudo`/`watch` and as plain
 * argv (quotes removed), so a deny cannot be dodged by quoting.
 */
export function segmentTexts(segment, kind) {
    const texts = new Set([segment.text]);
    const noGitDir = withoutGitDir(segment.argv);
    if (noGitDir)
        texts.add(noGitDir.join(' '));
    if (kind !== 'allow') {
        texts.add(segment.argv.join(' '));
        const inner = stripPrivilegeAndEnv(segment.argv);
        if (inner) {
            texts.add(inner.join(' '));
            const innerNoGitDir = withoutGitDir(inner);
            if (innerNoGitDir)
                texts.add(innerNoGitDir.join(' '));
        }
    }
    return [...texts];
}
//# sourceMappingURL=bash-match.js.map