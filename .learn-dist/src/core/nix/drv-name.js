// Nix's derivation-name rule (src/libstore/names.cc, DrvName::DrvName): the name is everything up to
// the first dash that is *not* followed by a letter; the version is the rest. Store paths of the
// live system are named this way, so this is how a binary's symlink leads to its package.
/** Split a derivation name exactly like `builtins.parseDrvName`. */
export function parseDrvName(s) {
    for (let i = 0; i + 1 < s.length; i++) {
        if (s[i] === '-' && !isAsciiLetter(s.charCodeAt(i + 1))) {
            return { name: s.slice(0, i), version: s.slice(i + 1) };
        }
    }
    return { name: s, version: '' };
}
function isAsciiLetter(code) {
    return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
const STORE_ENTRY = /^\/nix\/store\/[0-9a-z]{32}-([^/]+)/;
/** The `<name>` of `/nix/store/<hash>-<name>/…`, or null when the path is not in the store. */
export function storePathName(target) {
    return STORE_ENTRY.exec(target)?.[1] ?? null;
}
// Output and wrapper suffixes that parseDrvName leaves at the end of the version.
const VERSION_SUFFIXES = ['-bin', '-man', '-dev', '-lib', '-doc', '-info', '-debug', '-env', '-wrapped'];
/** A version for display: known output/wrapper suffixes (`9.5-man` → `9.5`) removed. */
export function displayVersion(version) {
    for (const suffix of VERSION_SUFFIXES) {
        if (version.endsWith(suffix))
            return version.slice(0, -suffix.length);
    }
    return version;
}
//# sourceMappingURL=drv-name.js.map