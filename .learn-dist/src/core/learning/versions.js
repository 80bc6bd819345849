// Claude Code version handling for rule syntax: the newest version seen decides the syntax.
/** Compare dotted numeric versions ("2.1.38" < "2.1.100"); non-numeric parts compare as 0. */
export function compareVersionStrings(a, b) {
    const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
    const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10) || 0);
    for (let i = 0; i < Math.max(pa.length, pb.length); i += 1) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0)
            return d < 0 ? -1 : 1;
    }
    return 0;
}
/** The newest of the versions seen (mixed histories write the syntax of the newest), or null. */
export function newestVersion(versions) {
    let best = null;
    for (const v of versions) {
        if (v && (best === null || compareVersionStrings(v, best) > 0))
            best = v;
    }
    return best;
}
//# sourceMappingURL=versions.js.map