// Human-vs-Claude usage of installed tools over a window. Programs are mapped to packages through
// the binary map, so `ripgrep` is never called dormant while `rg` runs every day (the earlier tool
// compared package names with command names and did exactly that).
import { binariesOf } from './nix/package-set.js';
import { looksWithoutBinaries, packagesForProgram } from './nix/program-map.js';
const DAY_MS = 86_400_000;
// Shell builtins and keywords are not tools anyone installs.
const BUILTINS = new Set([
    'cd', 'echo', 'export', 'set', 'unset', 'source', '.', 'test', '[', '[[', 'true', 'false', 'exit',
    'read', 'printf', 'pwd', 'alias', 'type', 'command', 'builtin', 'eval', 'exec', 'return', 'shift',
    'local', 'declare', 'wait', 'trap', 'history', 'jobs', 'fg', 'bg', 'functions', 'abbr', 'and',
    'or', 'not', 'begin', 'end', 'if', 'then', 'else', 'fi', 'for', 'while', 'do', 'done', 'case',
    'esac', 'function', 'string', 'contains', 'status', 'math', 'count',
]); // prettier-ignore
/** Compute the usage report. Pure: same rows, same report. */
export function buildUsageReport(input) {
    const to = input.now.getTime();
    const from = to - input.days * DAY_MS;
    const inWindow = (ts) => ts !== null && ts >= from && ts <= to;
    const packages = input.set.packages;
    const owner = ownerIndex(packages, input.set.binaries);
    const resolve = (program) => {
        const direct = owner.get(program);
        if (direct)
            return direct;
        const curated = packagesForProgram(program).find((name) => owner.has(`pkg:${name}`));
        return curated ? (owner.get(`pkg:${curated}`) ?? null) : null;
    };
    const tools = new Map();
    const ephemeral = new Map();
    const count = (raw, ts, who) => {
        const program = basename(raw);
        if (!program || BUILTINS.has(program))
            return;
        const row = tools.get(program) ?? {
            tool: program,
            package: resolve(program),
            human: 0,
            claude: 0,
            lastUsed: null,
            last: 0,
        };
        row[who] += 1;
        row.last = Math.max(row.last, ts);
        tools.set(program, row);
    };
    const countEphemeral = (raw, ts) => {
        const name = ephemeralName(raw);
        if (!name)
            return;
        const row = ephemeral.get(name) ?? { uses: 0, last: 0 };
        row.uses += 1;
        row.last = Math.max(row.last, ts);
        ephemeral.set(name, row);
    };
    let undated = 0;
    for (const row of input.human) {
        if (row.ts === null)
            undated++;
        if (!inWindow(row.ts))
            continue;
        for (const program of new Set(row.programs))
            count(program, row.ts, 'human');
        for (const pkg of new Set(row.ephemeral))
            countEphemeral(pkg, row.ts);
    }
    for (const row of input.claude) {
        if (!inWindow(row.ts))
            continue;
        count(row.program, row.ts, 'claude');
        for (const pkg of new Set(row.ephemeral))
            countEphemeral(pkg, row.ts);
    }
    const usedPackages = new Set([...tools.values()].map((t) => t.package).filter((p) => p !== null));
    const withoutBinaries = packages
        .filter((p) => hasNoBinaries(p))
        .map((p) => p.name)
        .sort(compare);
    const dormant = packages
        .filter((p) => !hasNoBinaries(p) && !usedPackages.has(p.name))
        .map((p) => {
        const bins = binariesOf(p, input.set.binaries);
        const seen = bins.map((b) => input.lastSeen?.[b] ?? 0).reduce((a, b) => Math.max(a, b), 0);
        return { package: p.name, attr: p.attr ?? p.name, bins, lastUsed: seen > 0 ? iso(seen) : null };
    })
        .sort((a, b) => compare(a.package, b.package));
    const installCandidates = [...ephemeral.entries()]
        .filter(([name, row]) => row.uses >= (input.minEphemeralUses ?? 3) && !isInstalledName(packages, name))
        .map(([name, row]) => ({ package: name, uses: row.uses, lastUsed: iso(row.last) }))
        .sort((a, b) => b.uses - a.uses || compare(a.package, b.package));
    return {
        window: { days: input.days, from: iso(from), to: iso(to) },
        installed: packages.length,
        tools: [...tools.values()]
            .map(({ last, ...row }) => ({ ...row, lastUsed: iso(last) }))
            .sort((a, b) => b.human + b.claude - (a.human + a.claude) || compare(a.tool, b.tool)),
        dormant,
        installCandidates,
        withoutBinaries,
        undatedHumanCommands: undated,
    };
}
// bin → package name, plus `pkg:<name or attr>` → package name for curated lookups.
function ownerIndex(packages, binaries) {
    const index = new Map();
    for (const [bin, pkg] of Object.entries(binaries))
        index.set(bin, pkg);
    for (const pkg of packages) {
        index.set(`pkg:${pkg.name}`, pkg.name);
        if (pkg.attr)
            index.set(`pkg:${pkg.attr}`, pkg.name);
        if (hasNoBinaries(pkg))
            continue;
        for (const bin of binariesOf(pkg, binaries))
            if (!index.has(bin))
                index.set(bin, pkg.name);
    }
    return index;
}
function hasNoBinaries(pkg) {
    return (pkg.bins !== null && pkg.bins.length === 0) || looksWithoutBinaries(pkg.attr ?? pkg.name);
}
function isInstalledName(packages, name) {
    return packages.some((p) => p.name === name || p.attr === name);
}
// `nixpkgs#ripgrep`, `nixpkgs#legacyPackages.x86_64-linux.ripgrep`, `ripgrep` → `ripgrep`.
function ephemeralName(raw) {
    const attr = raw.includes('#') ? raw.slice(raw.indexOf('#') + 1) : raw;
    return attr.replace(/^legacyPackages\.[^.]+\./, '').replace(/^pkgs\./, '');
}
function basename(program) {
    return program.slice(program.lastIndexOf('/') + 1);
}
function iso(ms) {
    return new Date(ms).toISOString();
}
function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
//# sourceMappingURL=usage.js.map