// Stable ids without node:crypto (core is pure): two 32-bit FNV-1a passes with different offsets.
/** 32-bit FNV-1a of a string's UTF-16 code units, from a given offset basis. */
export function fnv1a(text, basis = 0x811c9dc5) {
    let hash = basis >>> 0;
    for (let i = 0; i < text.length; i += 1) {
        hash ^= text.charCodeAt(i);
        hash = Math.imul(hash, 0x01000193) >>> 0;
    }
    return hash >>> 0;
}
/** A 12-hex-digit id for a proposal: the same kind, rule, replaced rules and target give the same id. */
export function suggestionId(kind, rule, replaces, target) {
    const key = [kind, rule, [...replaces].sort().join('\u0001'), target].join('|');
    const a = fnv1a(key).toString(16).padStart(8, '0');
    const b = fnv1a(key, 0x01234567).toString(16).padStart(8, '0');
    return `${a}${b.slice(0, 4)}`;
}
//# sourceMappingURL=hash.js.map