// Wrapper stripping exactly as Claude Code normalizes commands before matching (reference
// claude-code.md §1.3 "Normalization before matching"): the wrapper and its own options go, the
// wrapped program is what a rule sees. `direnv exec`, `npx`, `sudo`, `env` … are NOT stripped.
/** The wrappers Claude Code strips, in one place. `xargs` only when it has no flags. */
export const STRIPPED_WRAPPERS = [
    'timeout',
    'time',
    'nice',
    'nohup',
    'stdbuf',
    'command',
    'builtin',
    'noglob',
    'xargs',
];
const DURATION = /^\d+(?:\.\d+)?[smhd]?$/;
const skipTimeout = (args) => {
    let i = 0;
    while (i < args.length) {
        const a = args[i] ?? '';
        if (a === '-s' || a === '--signal' || a === '-k' || a === '--kill-after')
            i += 2;
        else if (/^(?:--signal=|--kill-after=|-s\S|-k\S)/.test(a))
            i += 1;
        else if (a === '--foreground' || a === '--preserve-status' || a === '-v' || a === '--verbose')
            i += 1;
        else
            break;
    }
    return DURATION.test(args[i] ?? '') ? i + 1 : null;
};
const skipTime = (args) => {
    let i = 0;
    while (i < args.length) {
        const a = args[i] ?? '';
        if (a === '-o' || a === '-f' || a === '--output' || a === '--format')
            i += 2;
        else if (/^-[pvaq]+$/.test(a) ||
            /^--(?:portability|verbose|append|quiet)$/.test(a) ||
            /^--(?:output|format)=/.test(a))
            i += 1;
        else
            break;
    }
    return i;
};
const skipNice = (args) => {
    const a = args[0] ?? '';
    if (a === '-n' || a === '--adjustment')
        return 2;
    if (/^(?:-n[+-]?\d+|-[+-]?\d+|--adjustment=[+-]?\d+)$/.test(a))
        return 1;
    return 0;
};
const skipStdbuf = (args) => {
    let i = 0;
    while (i < args.length) {
        const a = args[i] ?? '';
        if (a === '-i' || a === '-o' || a === '-e')
            i += 2;
        else if (/^(?:-[ioe]\S+|--(?:input|output|error)=\S+)$/.test(a))
            i += 1;
        else
            break;
    }
    return i;
};
const skipCommand = (args) => {
    let i = 0;
    while ((args[i] ?? '').startsWith('-') && args[i] !== '--') {
        // `command -v x` / `-V` prints where x is; it runs nothing.
        if (/[vV]/.test(args[i] ?? ''))
            return null;
        i += 1;
    }
    return args[i] === '--' ? i + 1 : i;
};
const skipNothing = () => 0;
// Bare xargs only: with flags Claude Code keeps it (the parser records the program it runs as an
// inner view instead).
const skipBareXargs = (args) => ((args[0] ?? '').startsWith('-') ? null : 0);
const SKIPPERS = {
    timeout: skipTimeout,
    time: skipTime,
    nice: skipNice,
    nohup: skipNothing,
    stdbuf: skipStdbuf,
    command: skipCommand,
    builtin: skipNothing,
    noglob: skipNothing,
    xargs: skipBareXargs,
};
/**
 * How many leading words of argv are wrappers (with their options), and which wrappers they were:
 * `timeout 30 nice -n 5 cargo test` → { skip: 5, wrappers: ['timeout', 'nice'] }. A wrapper with
 * nothing after it is the program itself (`time` alone, `xargs` alone).
 */
export function stripWrappers(argv) {
    const wrappers = [];
    let at = 0;
    for (;;) {
        const name = argv[at] ?? '';
        const skipper = Object.hasOwn(SKIPPERS, name) ? SKIPPERS[name] : undefined;
        if (!skipper)
            break;
        const own = skipper(argv.slice(at + 1));
        if (own === null || at + 1 + own >= argv.length)
            break;
        wrappers.push(name);
        at += 1 + own;
    }
    return { skip: at, wrappers };
}
const XARGS_VALUE_FLAGS = new Set([
    '-I',
    '-n',
    '-P',
    '-L',
    '-d',
    '-E',
    '-s',
    '-a',
    '--max-args',
    '--max-procs',
    '--delimiter',
    '--arg-file',
    '--max-lines',
    '--eof',
    '--max-chars',
    '--replace',
]);
/** Index in argv (argv[0] = 'xargs') of the program xargs runs after its flags, or null. */
export function xargsProgramIndex(argv) {
    let i = 1;
    while (i < argv.length) {
        const a = argv[i] ?? '';
        if (a === '--')
            return i + 1 < argv.length ? i + 1 : null;
        if (!a.startsWith('-') || a === '-')
            return i;
        i += XARGS_VALUE_FLAGS.has(a) ? 2 : 1;
    }
    return null;
}
//# sourceMappingURL=wrappers.js.map