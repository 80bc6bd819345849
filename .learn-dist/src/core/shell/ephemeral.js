// Ephemeral package use on Nix: `nix shell nixpkgs#X --command Y`, `nix run nixpkgs#X -- …`,
// `nix-shell -p X --run '…'`, `, X …` (comma). Usage analytics count X as used without being
// installed; the program actually run becomes its own (inner) segment.
// `nix shell` options that take values (so their values are not taken for installables).
const NIX_VALUE_FLAGS = {
    '--option': 2,
    '--override-input': 2,
    '--arg': 2,
    '--argstr': 2,
    '-I': 1,
    '--include': 1,
    '--expr': 1,
    '-f': 1,
    '--file': 1,
    '--inputs-from': 1,
    '--profile': 1,
    '--keep': 1,
    '-k': 1,
    '--unset': 1,
    '-u': 1,
    '--chdir': 1,
    '--set-env-var': 2,
    '-s': 2,
    '--extra-experimental-features': 1,
    '--experimental-features': 1,
};
/** `nixpkgs#jq` → `jq`; `nixpkgs/nixos-unstable#python3Packages.black` → `python3Packages.black`; other flakes kept whole. */
export function packageFromInstallable(installable) {
    const hash = installable.indexOf('#');
    if (hash < 0)
        return installable.replace(/^nixpkgs\./, '');
    const ref = installable.slice(0, hash);
    const attr = installable.slice(hash + 1).replace(/^legacyPackages\.[^.]+\./, '');
    return /(?:^|[:/])nixpkgs(?:$|[/?])|^n$/.test(ref) ? attr : installable;
}
function nixInstallables(argv, from, stopAt) {
    const items = [];
    let i = from;
    while (i < argv.length) {
        const a = argv[i] ?? '';
        if (stopAt.has(a))
            break;
        if (a.startsWith('-')) {
            i += 1 + (NIX_VALUE_FLAGS[a] ?? 0);
            continue;
        }
        items.push(a);
        i += 1;
    }
    return { items, next: i };
}
/** Recognize ephemeral package use in argv (argv[0] is the program as written); null otherwise. */
export function ephemeralUse(programBase, argv) {
    if (programBase === ',') {
        let i = 1;
        while ((argv[i] ?? '').startsWith('-'))
            i += 1;
        const pkg = argv[i];
        return pkg === undefined
            ? null
            : { packages: [pkg], innerStart: i, derivedProgram: null, shellBody: null, label: ',' };
    }
    if (programBase === 'nix') {
        const sub = argv.findIndex((a, idx) => idx > 0 && !a.startsWith('-'));
        const verb = sub > 0 ? argv[sub] : undefined;
        if (verb === 'shell') {
            const { items, next } = nixInstallables(argv, sub + 1, new Set(['--command', '-c']));
            const hasCommand = next < argv.length && next + 1 < argv.length;
            return {
                packages: items.map(packageFromInstallable),
                innerStart: hasCommand ? next + 1 : null,
                derivedProgram: null,
                shellBody: null,
                label: 'nix shell',
            };
        }
        if (verb === 'run') {
            // `nix run [options] installable [--] args…`: one installable, the rest goes to the program.
            let i = sub + 1;
            while (i < argv.length && (argv[i] ?? '').startsWith('-') && argv[i] !== '--') {
                i += 1 + (NIX_VALUE_FLAGS[argv[i] ?? ''] ?? 0);
            }
            const installable = argv[i];
            if (installable === undefined || installable === '--' || !installable.includes('#'))
                return null;
            const pkg = packageFromInstallable(installable);
            const argsFrom = argv[i + 1] === '--' ? i + 2 : i + 1;
            return {
                packages: [pkg],
                innerStart: argsFrom,
                // The binary nix runs is the package's mainProgram; its last attr component is the best guess.
                derivedProgram: pkg.split('.').at(-1) ?? pkg,
                shellBody: null,
                label: 'nix run',
            };
        }
        return null;
    }
    if (programBase === 'nix-shell') {
        const packages = [];
        let shellBody = null;
        let inPackages = false;
        for (let i = 1; i < argv.length; i += 1) {
            const a = argv[i] ?? '';
            if (a === '-p' || a === '--packages')
                inPackages = true;
            else if (a === '--run' || a === '--command') {
                shellBody = argv[i + 1] ?? null;
                inPackages = false;
                i += 1;
            }
            else if (a.startsWith('-')) {
                inPackages = false;
                i += NIX_VALUE_FLAGS[a] ?? 0;
            }
            else if (inPackages)
                packages.push(a);
        }
        return packages.length === 0 && shellBody === null
            ? null
            : { packages, innerStart: null, derivedProgram: null, shellBody, label: 'nix-shell' };
    }
    return null;
}
//# sourceMappingURL=ephemeral.js.map