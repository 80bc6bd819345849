// Claude Code's built-in read-only commands: they never prompt in any mode and are not
// configurable (reference claude-code.md §1.3), so they never need rules and never count as
// prompts. Kept conservative: a command only counts when nothing in it can write.
import { programName } from '../shell/parse-command.js';
import { isSafeEnvName } from './safe-env.js';
const always = () => true;
const noFlag = (...flags) => (args) => !args.some((a) => flags.some((f) => a === f ||
    a.startsWith(`${f}=`) ||
    (f.length === 2 && !f.startsWith('--') && a.startsWith(f) && a.length > 2 && !a.startsWith('--'))));
const onlyFlags = (args) => args.every((a) => a.startsWith('-'));
const positionals = (args) => args.filter((a) => !a.startsWith('-') || a === '-');
const FIND_WRITES = [
    '-exec',
    '-execdir',
    '-ok',
    '-okdir',
    '-delete',
    '-fprint',
    '-fprint0',
    '-fprintf',
    '-fls',
];
/** Read-only programs and, where flags can make them write, the check their args must pass. */
const READ_ONLY = {
    ls: always,
    cat: always,
    echo: always,
    printf: noFlag('-v'),
    pwd: always,
    head: always,
    tail: always,
    grep: always,
    egrep: always,
    fgrep: always,
    find: (args) => !args.some((a) => FIND_WRITES.includes(a)),
    wc: always,
    which: always,
    type: always,
    diff: always,
    stat: always,
    du: always,
    cd: always,
    file: always,
    tree: noFlag('-o'),
    realpath: always,
    basename: always,
    dirname: always,
    readlink: always,
    whoami: always,
    id: always,
    uname: always,
    true: always,
    false: always,
    ':': always,
    test: always,
    '[': always,
    '[[': always,
    date: noFlag('-s', '--set'),
    hostname: onlyFlags,
    printenv: always,
    env: (args) => args.length === 0,
    sort: noFlag('-o', '--output'),
    uniq: (args) => positionals(args).length <= 1,
    cut: always,
    tr: always,
    nl: always,
};
// git subcommands that only read (global -C/-c make it "git in another dir/config": not counted).
const GIT_READ_ONLY = {
    status: always,
    diff: noFlag('--output'),
    log: noFlag('--output'),
    show: noFlag('--output'),
    blame: always,
    shortlog: always,
    describe: always,
    'rev-parse': always,
    'rev-list': always,
    'ls-files': always,
    'ls-tree': always,
    'cat-file': always,
    grep: always,
    'merge-base': always,
    'for-each-ref': always,
    'name-rev': always,
    'diff-tree': always,
    'show-ref': always,
    whatchanged: always,
    'count-objects': always,
    'check-ignore': always,
    version: always,
    help: always,
    branch: (args) => !args.some((a) => /^(?:-[dDmMcCfu]|--(?:delete|move|copy|force|set-upstream-to|unset-upstream|edit-description|track|no-track))/.test(a)) &&
        (positionals(args).length === 0 ||
            args.some((a) => a === '--list' ||
                a === '-l' ||
                a.startsWith('--contains') ||
                a.startsWith('--merged') ||
                a.startsWith('--no-merged') ||
                a.startsWith('--points-at'))),
    tag: (args) => args.length === 0 || args.some((a) => a === '-l' || a === '--list'),
    remote: (args) => args.every((a) => a === '-v' || a === '--verbose') || args[0] === 'show' || args[0] === 'get-url',
    stash: (args) => args[0] === 'list' || args[0] === 'show',
    worktree: (args) => args[0] === 'list',
    reflog: (args) => args.length === 0 || args[0] === 'show',
    config: (args) => args.length > 0 &&
        args.some((a) => /^(?:--get|--get-all|--get-regexp|--list|-l)$/.test(a)) &&
        !args.some((a) => /^--(?:add|unset|unset-all|replace-all|rename-section|remove-section|edit)$/.test(a)),
};
function gitIsReadOnly(argv) {
    const sub = argv[1];
    if (sub === undefined || sub.startsWith('-'))
        return false;
    const check = Object.hasOwn(GIT_READ_ONLY, sub) ? GIT_READ_ONLY[sub] : undefined;
    return check !== undefined && check(argv.slice(2));
}
/** True when a segment is in Claude Code's built-in read-only set (never prompts). */
export function isBuiltinReadOnly(segment) {
    if (segment.envNames.some((n) => !isSafeEnvName(n)))
        return false;
    if (segment.redirects.some((r) => r !== '/dev/null'))
        return false;
    // Absolute/relative program paths (`./ls`) are not the builtin set.
    if (segment.program.includes('/'))
        return false;
    const name = programName(segment);
    const args = segment.argv.slice(1);
    // Expansions can turn into anything at run time.
    if (segment.argv.some((a) => a.includes('$(') || a.includes('`')))
        return false;
    if (name === 'git')
        return gitIsReadOnly(segment.argv);
    const check = Object.hasOwn(READ_ONLY, name) ? READ_ONLY[name] : undefined;
    return check !== undefined && check(args);
}
const EXACT_ONLY_PROGRAMS = new Set(['watch', 'setsid', 'ionice', 'flock']);
/** True when Claude Code accepts only an exact rule for this segment (no prefix/wildcard approval). */
export function needsExactRule(segment) {
    const name = programName(segment);
    if (EXACT_ONLY_PROGRAMS.has(name))
        return true;
    return name === 'find' && segment.argv.some((a) => FIND_WRITES.includes(a));
}
//# sourceMappingURL=read-only.js.map