// The shell parser and the permission-rule checks that ingest needs, loaded once per scan.
import { parseCommand, programsOf } from '../core/shell/index.js';
import { loadBashParser } from './bash-grammar.js';
const READ_ONLY_PROGRAMS = new Set([
    'ls',
    'cat',
    'head',
    'tail',
    'wc',
    'pwd',
    'echo',
    'grep',
    'rg',
    'fd',
    'find',
    'which',
    'file',
    'stat',
    'du',
    'df',
    'tree',
    'sort',
    'uniq',
    'cut',
    'diff',
    'date',
    'whoami',
    'id',
    'env',
    'printenv',
    'true',
    'false',
]);
const READ_ONLY_GIT = new Set(['status', 'log', 'diff', 'show', 'branch', 'rev-parse', 'blame', 'ls-files']);
/** A whitespace segmenter used only when the tree-sitter parser is unavailable. */
function naiveSegments(command) {
    const parts = command.split(/\s*(?:&&|\|\||;|\|)\s*/).filter((p) => p.trim() !== '');
    const segments = parts.map((part) => {
        const words = part.trim().split(/\s+/);
        const envNames = [];
        while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0]))
            envNames.push(words.shift().split('=')[0]);
        const program = (words[0] ?? '').split('/').pop() ?? '';
        return {
            program,
            subcommand: words[1] && !words[1].startsWith('-') ? [words[1]] : [],
            argv: words,
            text: words.join(' '),
            wrappers: [],
            envNames,
            nested: false,
            ephemeralPackages: [],
            redirects: [],
        };
    });
    return {
        segments,
        compound: parts.length > 1,
        programs: [...new Set(segments.map((s) => s.program).filter(Boolean))],
    };
}
/** Fallback dependencies: naive segmentation, a small read-only list, no rules in force. */
export function fallbackDeps() {
    const oracle = {
        isReadOnlySegment: (s) => READ_ONLY_PROGRAMS.has(s.program) || (s.program === 'git' && READ_ONLY_GIT.has(s.subcommand[0] ?? '')),
        allowedByRules: () => false,
    };
    return { segment: naiveSegments, oracle: () => oracle };
}
/** Load the real dependencies for a scan: the tree-sitter parser (once per process) and the rules in force. */
export async function loadIngestDeps(_ctx) {
    const parser = await loadBashParser();
    const fallback = fallbackDeps();
    return {
        segment(command) {
            const parsed = parseCommand(parser, command);
            return {
                segments: parsed.segments,
                compound: parsed.error !== null || parsed.operators.length > 0,
                programs: programsOf(parsed),
            };
        },
        oracle: fallback.oracle,
    };
}
//# sourceMappingURL=ingest-deps.js.map